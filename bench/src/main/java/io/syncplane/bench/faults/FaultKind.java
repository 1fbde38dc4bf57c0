package io.syncplane.bench.faults;

/** The faults the randomized scenario injects; the JSON reports counts under these names. */
enum FaultKind {
    WORKER_KILL("worker_kill9"),
    REDIS_FLUSH("redis_flushall"),
    REDIS_RESTART("redis_restart"),
    POSTGRES_RESTART("postgres_restart"),
    WORKER_START_DURING_REDIS_OUTAGE("worker_start_during_redis_outage"),
    WORKER_START_DURING_POSTGRES_RESTART("worker_start_during_postgres_restart"),
    RATE_LIMIT_STORM("google_429_403_storm"),
    SERVER_ERROR_BURST("google_5xx_burst"),
    CURSORS_EXPIRED("cursors_expired"),
    GRANT_REVOKED("grant_revoked"),
    NETWORK_CUT("google_network_cut");

    private final String label;

    FaultKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
