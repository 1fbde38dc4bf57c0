package io.syncplane.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.TestBackends;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LuaScriptTest {

    @Test
    void aScriptRedisDoesNotKnowIsSentInFullOnceAndBySha1Afterwards() throws Exception {
        // A body no Redis has seen: exactly the situation after a restart, failover or SCRIPT FLUSH.
        LuaScript script = new LuaScript("probe", "return ARGV[1] .. '-' .. KEYS[1] -- " + UUID.randomUUID());
        try (RedisNamespace namespace = TestBackends.newRedisNamespace();
             StatefulRedisConnection<String, String> connection = namespace.client().connect()) {
            RedisAsyncCommands<String, String> redis = connection.async();
            assertThat(connection.sync().scriptExists(script.sha())).containsExactly(false);

            Object first = RedisCalls.await(script.run(redis, ScriptOutputType.VALUE,
                    new String[] {namespace.prefix() + "k"}, "a"), Duration.ofSeconds(5), "probe");
            assertThat(first).isEqualTo("a-" + namespace.prefix() + "k");
            assertThat(connection.sync().scriptExists(script.sha())).as("cached again").containsExactly(true);

            Object second = RedisCalls.await(script.run(redis, ScriptOutputType.VALUE,
                    new String[] {namespace.prefix() + "k"}, "b"), Duration.ofSeconds(5), "probe");
            assertThat(second).isEqualTo("b-" + namespace.prefix() + "k");
        }
    }

    @Test
    void theQueueScriptsLoadAndCompile() {
        QueueScripts scripts = QueueScripts.INSTANCE;
        assertThat(scripts.claim.sha()).hasSize(40).isNotEqualTo(scripts.enqueue.sha());
    }
}
