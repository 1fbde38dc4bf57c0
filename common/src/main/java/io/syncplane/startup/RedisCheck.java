package io.syncplane.startup;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import java.time.Duration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/** Waits for the queue's Redis and checks it lets us in (see {@link RedisProbe}). */
@Order(400)
public class RedisCheck implements StartupCheck {

    private static final String DEFAULT_URI = "redis://127.0.0.1:6379";

    @Override
    public void check(Environment environment, StartupContext context) {
        String uri = environment.getProperty("syncplane.redis.uri");
        if (uri == null) {
            return; // not a service with a queue of ours
        }
        RedisURI parsed = parse(uri.isBlank() ? DEFAULT_URI : uri);
        parsed.setTimeout(Duration.ofSeconds(5));
        String address = parsed.getHost() + ":" + parsed.getPort(); // never the password a URI may hold
        RedisClient client = RedisClient.create(parsed);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(5)).build())
                .autoReconnect(false)
                .build());
        try {
            new BackendWait(context.clock(), BackendWait.Sleeper.THREAD, context.timeout())
                    .await("Redis", address, RedisProbe.SETTING, new RedisProbe(client, address));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static RedisURI parse(String uri) {
        try {
            return RedisURI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(RedisProbe.SETTING, "\"" + uri + "\" is not a Redis URI",
                    "use redis://host:port (or redis://user:password@host:port)", e);
        }
    }
}
