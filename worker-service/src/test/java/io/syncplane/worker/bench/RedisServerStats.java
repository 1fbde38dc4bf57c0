package io.syncplane.worker.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The Redis server's own counters, read with INFO around a measured window: the CPU it spent (user + system) and
 * the scripts it ran. On the benchmark's machine nothing else uses that Redis while it measures, so the deltas are
 * the workload's.
 */
final class RedisServerStats implements AutoCloseable {

    /** CPU seconds Redis had used and scripts (EVALSHA + EVAL) it had run when read. */
    record Reading(double cpuSeconds, long scripts) {
        Reading minus(Reading earlier) {
            return new Reading(cpuSeconds - earlier.cpuSeconds, scripts - earlier.scripts);
        }
    }

    private final StatefulRedisConnection<String, String> connection;

    RedisServerStats(RedisClient client) {
        this.connection = client.connect();
    }

    Reading read() {
        double cpu = 0;
        for (String line : connection.sync().info("cpu").split("\\r?\\n")) {
            if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                cpu += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        long scripts = 0;
        for (String line : connection.sync().info("commandstats").split("\\r?\\n")) {
            if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                scripts += Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return new Reading(cpu, scripts);
    }

    @Override
    public void close() {
        connection.close();
    }
}
