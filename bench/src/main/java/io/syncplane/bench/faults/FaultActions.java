package io.syncplane.bench.faults;

import io.syncplane.testing.TcpProxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Injects one fault at a time into the running system and puts things back afterwards (a restarted worker, Redis
 * and Postgres up, quotas and fault plans as before, the network restored). Every random choice comes from the
 * fault's own seed.
 */
final class FaultActions {

    private final WorkerFleet fleet;
    private final ScratchPostgres postgres;
    private final ScratchRedis redis;
    private final EmulatorClient emulator;
    private final TcpProxy googleLink;
    private final LedgerProbe ledger;
    private final int users;
    private final JsonNode normalQuotas;
    private final Map<FaultKind, Integer> injected = new EnumMap<>(FaultKind.class);
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final List<StartupCheck> startupChecks = new ArrayList<>();
    private int killsMidSync;

    FaultActions(WorkerFleet fleet, ScratchPostgres postgres, ScratchRedis redis, EmulatorClient emulator,
                 TcpProxy googleLink, LedgerProbe ledger, int users) throws Exception {
        this.fleet = fleet;
        this.postgres = postgres;
        this.redis = redis;
        this.emulator = emulator;
        this.googleLink = googleLink;
        this.ledger = ledger;
        this.users = users;
        this.normalQuotas = emulator.quotas();
    }

    void inject(FaultKind kind, long seed) throws Exception {
        Random random = new Random(seed);
        Log.info("fault: %s", kind.label());
        switch (kind) {
            case WORKER_KILL -> killMidSync(random);
            case REDIS_FLUSH -> redis.flushAll();
            case REDIS_RESTART -> {
                redis.kill();
                Commands.sleep(1000 + random.nextInt(4000));
                redis.start();
            }
            case POSTGRES_RESTART -> {
                postgres.stop();
                Commands.sleep(1000 + random.nextInt(3000));
                postgres.start();
            }
            case WORKER_START_DURING_REDIS_OUTAGE -> workerStartDuringRedisOutage(random);
            case WORKER_START_DURING_POSTGRES_RESTART -> workerStartDuringPostgresRestart(random);
            case RATE_LIMIT_STORM -> rateLimitStorm(random);
            case SERVER_ERROR_BURST -> {
                emulator.faults("{\"error500Rate\":0.25,\"error503Rate\":0.15,\"dropRate\":0.05}");
                Commands.sleep(5000 + random.nextInt(10_000));
                emulator.clearFaults();
            }
            case CURSORS_EXPIRED -> {
                int count = 3 + random.nextInt(8);
                for (int i = 0; i < count; i++) {
                    String email = EmulatorClient.email(1 + random.nextInt(users));
                    if (!revoked.contains(email)) {
                        emulator.expireCursors(email);
                    }
                }
            }
            case GRANT_REVOKED -> {
                String email = EmulatorClient.email(1 + random.nextInt(users));
                revoked.add(email);
                emulator.revokeGrants(email);
                Log.info("revoked the grants of %s", email);
            }
            case NETWORK_CUT -> networkCut(random);
        }
        injected.merge(kind, 1, Integer::sum);
    }

    /** kill -9 the worker running the most syncs, then start a new process in its slot. */
    void killMidSync(Random random) throws Exception {
        // most syncs here are short incremental ones: wait (up to 3 s) for a moment when some worker holds leases
        Map<String, Integer> running = ledger.runningByWorker();
        for (int i = 0; i < 30 && running.values().stream().allMatch(n -> n == 0); i++) {
            Commands.sleep(100);
            running = ledger.runningByWorker();
        }
        WorkerProcess victim = fleet.busiest(running, random, underCheck());
        int theirs = running.getOrDefault(victim.id(), 0);
        if (theirs > 0) {
            killsMidSync++;
        }
        Log.info("killing %s, which holds %d running syncs", victim.id(), theirs);
        fleet.kill9(victim);
        Commands.sleep(random.nextInt(3000));
        fleet.start(victim, false);
    }

    /**
     * Workers started by a start-up fault that have not answered healthy yet (nor died): no later fault kills them,
     * or the check would judge a process the bench itself killed.
     */
    private Set<String> underCheck() {
        Set<String> ids = new java.util.HashSet<>();
        for (StartupCheck check : startupChecks) {
            boolean alive = fleet.all().stream().anyMatch(w -> check.workerId().equals(w.id()) && w.alive());
            if (alive && fleet.firstHealthy(check.workerId()) == null) {
                ids.add(check.workerId());
            }
        }
        return ids;
    }

    private WorkerProcess slotNotUnderCheck(Random random) {
        Set<String> checked = underCheck();
        List<WorkerProcess> free = fleet.all().stream().filter(w -> !checked.contains(w.id())).toList();
        List<WorkerProcess> from = free.isEmpty() ? fleet.all() : free;
        return from.get(random.nextInt(from.size()));
    }

    private void workerStartDuringRedisOutage(Random random) throws Exception {
        WorkerProcess worker = slotNotUnderCheck(random);
        fleet.kill9(worker);
        redis.kill();
        fleet.start(worker, false);
        // long enough that the new worker's first connection attempts fail (its start takes ~10 s to reach Redis)
        Commands.sleep(12_000 + random.nextInt(8000));
        redis.start();
        startupChecks.add(new StartupCheck(FaultKind.WORKER_START_DURING_REDIS_OUTAGE, worker.id(),
                worker.startedAt(), Instant.now()));
    }

    private void workerStartDuringPostgresRestart(Random random) throws Exception {
        WorkerProcess worker = slotNotUnderCheck(random);
        fleet.kill9(worker);
        fleet.start(worker, false);
        // the restart lands anywhere in the worker's start: before its pool connects, or under Liquibase
        Commands.sleep(random.nextInt(8000));
        postgres.stop();
        Commands.sleep(2000 + random.nextInt(4000));
        postgres.start();
        startupChecks.add(new StartupCheck(FaultKind.WORKER_START_DURING_POSTGRES_RESTART, worker.id(),
                worker.startedAt(), Instant.now()));
    }

    /**
     * Quotas far below what the workers ask for: Gmail 403 rateLimitExceeded (units) and 429 (too many in flight),
     * Calendar and Tasks 403 userRateLimitExceeded, People 429 RESOURCE_EXHAUSTED, as Google answers them.
     */
    private void rateLimitStorm(Random random) throws Exception {
        ObjectNode storm = EmulatorClient.JSON.createObjectNode();
        storm.put("gmailUnitsPerSecond", 6);
        storm.put("gmailMaxConcurrent", 1);
        storm.put("calendarRequestsPerMinute", 10);
        storm.put("peopleRequestsPerMinute", 6);
        storm.put("peopleFullSyncPerMinute", 1);
        storm.put("tasksRequestsPerMinute", 10);
        emulator.quotas(storm);
        Commands.sleep(8000 + random.nextInt(12_000));
        emulator.quotas(normalQuotas);
    }

    /**
     * Every connection to "Google" dropped and new ones refused for a few seconds. The answers are slowed first, so
     * the cut catches requests in flight: pages half read, batches half answered.
     */
    private void networkCut(Random random) throws Exception {
        emulator.faults("{\"latencyMs\":400}");
        Commands.sleep(1500);
        googleLink.goDown();
        emulator.clearFaults();
        Commands.sleep(2000 + random.nextInt(6000));
        googleLink.comeBack();
    }

    /** Puts back whatever a fault interrupted by an exception may have left (quotas, plans, a stopped backend). */
    void restoreAll() throws Exception {
        googleLink.comeBack();
        if (!redis.ping()) {
            redis.start();
        }
        emulator.clearFaults();
        emulator.quotas(normalQuotas);
    }

    Map<FaultKind, Integer> injected() {
        return Map.copyOf(injected);
    }

    Set<String> revoked() {
        return Set.copyOf(revoked);
    }

    List<StartupCheck> startupChecks() {
        return List.copyOf(startupChecks);
    }

    int killsMidSync() {
        return killsMidSync;
    }
}
