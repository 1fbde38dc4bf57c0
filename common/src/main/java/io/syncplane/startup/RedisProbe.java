package io.syncplane.startup;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Optional;

/** Opens one connection on the service's own Redis client and sends PING; tells "not up" from "refused us". */
final class RedisProbe implements BackendProbe {

    static final String SETTING = "syncplane.redis.uri (SYNCPLANE_REDIS_URI)";

    private final RedisClient client;
    private final String address;

    RedisProbe(RedisClient client, String address) {
        this.client = client;
        this.address = address;
    }

    @Override
    public Optional<String> attempt() {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().ping();
            return Optional.empty();
        } catch (RedisException e) {
            String chain = messages(e);
            if (chain.contains("NOAUTH") || chain.contains("WRONGPASS") || chain.contains("invalid password")) {
                throw new InvalidSettingException(SETTING, "Redis at " + address + " refused our credentials ("
                        + rootMessage(e) + ")",
                        "put the right user and password in the URI (redis://user:password@host:port)", e);
            }
            return Optional.of(rootMessage(e));
        }
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(' ');
        }
        return all.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
