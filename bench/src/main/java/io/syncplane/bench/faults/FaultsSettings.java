package io.syncplane.bench.faults;

import java.time.Duration;
import java.util.Map;

/**
 * The knobs of {@code ./bench/run faults}, read from the environment (see bench/README.md).
 *
 * @param seed            seeds the fault schedule and every random choice in it; printed, so a run replays
 * @param users           emulator users linked and synced
 * @param activityRate    emulator mutations per second while the scenarios run
 * @param spof            how long the "one worker of three killed every 20 s" scenario runs
 * @param killEvery       the kill period of that scenario
 * @param chaos           how long the randomized scenario injects faults
 * @param faultFreeTail   the end of the chaos window that gets no faults, so leases of killed workers (and the
 *                        error backoff) have run out when the clock for convergence starts
 * @param convergeMax     how long to keep checking after the deadline, to report when it did converge
 * @param scanInterval    the stale-sync scanner's period the workers run with
 * @param pollInterval    how soon after a success each source is due again
 * @param leaseDuration   the workers' queue lease
 */
record FaultsSettings(long seed, int users, double activityRate, Duration spof, Duration killEvery, Duration chaos,
                      Duration faultFreeTail, Duration convergeMax, Duration scanInterval, Duration pollInterval,
                      Duration leaseDuration, int pgPort, int redisPort, int emulatorPort, int firstWorkerPort,
                      int messagesPerUser, boolean keepScratch) {

    static FaultsSettings fromEnvironment(Map<String, String> env) {
        String seed = env.get("FAULTS_SEED");
        return new FaultsSettings(
                seed == null || seed.isBlank() ? System.nanoTime() ^ System.currentTimeMillis() : Long.parseLong(seed),
                integer(env, "FAULTS_USERS", 100),
                Double.parseDouble(env.getOrDefault("FAULTS_ACTIVITY_RATE", "5")),
                seconds(env, "FAULTS_SPOF_S", 120),
                seconds(env, "FAULTS_KILL_EVERY_S", 20),
                seconds(env, "FAULTS_CHAOS_S", 240),
                seconds(env, "FAULTS_TAIL_S", 45),
                seconds(env, "FAULTS_CONVERGE_MAX_S", 180),
                seconds(env, "FAULTS_SCAN_INTERVAL_S", 10),
                seconds(env, "FAULTS_POLL_INTERVAL_S", 10),
                seconds(env, "FAULTS_LEASE_S", 20),
                port(env, "FAULTS_PG_PORT"),
                port(env, "FAULTS_REDIS_PORT"),
                port(env, "FAULTS_EMULATOR_PORT"),
                port(env, "FAULTS_WORKER_PORT"),
                integer(env, "FAULTS_MESSAGES_PER_USER", 40),
                "1".equals(env.get("FAULTS_KEEP")));
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }

    /** A port from the environment, else one the kernel says is free now (on a shared machine fixed ones clash). */
    private static int port(Map<String, String> env, String name) {
        int configured = integer(env, name, 0);
        if (configured != 0) {
            return configured;
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static Duration seconds(Map<String, String> env, String name, int fallback) {
        return Duration.ofSeconds(integer(env, name, fallback));
    }
}
