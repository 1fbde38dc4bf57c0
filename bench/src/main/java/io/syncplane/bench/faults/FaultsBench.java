package io.syncplane.bench.faults;

import io.syncplane.testing.TcpProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./bench/run faults}: the fault suite with real processes (its own Postgres cluster and Redis, the emulator's
 * standalone jar, three worker JVMs reaching "Google" through a TcpProxy), the "no single point of failure"
 * scenario, then the randomized scenario and the convergence check. Diagnostics on stderr; the last stdout line is
 * the result as one JSON object. See bench/README.md.
 */
public final class FaultsBench {

    private static final int WORKERS = 3;

    private FaultsBench() {
    }

    public static void main(String[] args) throws Exception {
        FaultsSettings settings = FaultsSettings.fromEnvironment(System.getenv());
        Log.info("seed %d (FAULTS_SEED=%d replays this schedule)", settings.seed(), settings.seed());
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Path emulatorJar = only("google-emulator/target", "-standalone.jar");
        Path workerJar = only("worker-service/target", "-exec.jar");
        Path scratch = Files.createTempDirectory("syncplane-faults-");
        Log.info("scratch directory (logs of every process) %s", scratch);
        Map<String, Object> result;
        Cleanup cleanup = new Cleanup();
        try {
            ScratchPostgres postgres = cleanup.add(new ScratchPostgres(scratch, settings.pgPort()));
            ScratchRedis redis = cleanup.add(new ScratchRedis(scratch, settings.redisPort()));
            EmulatorProcess emulatorProcess = cleanup.add(new EmulatorProcess(emulatorJar, scratch, settings));
            TcpProxy googleLink = cleanup.add(new TcpProxy("127.0.0.1", settings.emulatorPort()));
            EmulatorClient emulator = new EmulatorClient(emulatorProcess.rootUrl());
            JsonNode credentials = emulator.credentials(EmulatorClient.email(1));
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            WorkerLaunch launch = new WorkerLaunch(workerJar, scratch, settings, postgres.jdbcUrl(), redis.uri(),
                    Base64.getEncoder().encodeToString(key), emulatorProcess.rootUrl(),
                    "http://127.0.0.1:" + googleLink.port() + "/", credentials.get("clientId").asString(),
                    credentials.get("clientSecret").asString());
            LedgerProbe ledger = new LedgerProbe(postgres.jdbcUrl());
            WorkerFleet fleet = cleanup.add(new WorkerFleet(WORKERS, launch));
            result = run(settings, postgres, redis, emulator, googleLink, ledger, fleet);
        } finally {
            cleanup.closeAll();
        }
        result.put("load_before", loadBefore);
        result.put("load_after", Files.readString(Path.of("/proc/loadavg")).trim());
        boolean keep = settings.keepScratch() || !Boolean.TRUE.equals(result.get("passed"));
        if (keep) {
            Log.info("logs kept in %s", scratch);
        } else {
            deleteTree(scratch);
        }
        System.out.println(EmulatorClient.JSON.writeValueAsString(result));
    }

    private static Map<String, Object> run(FaultsSettings settings, ScratchPostgres postgres, ScratchRedis redis,
                                           EmulatorClient emulator, TcpProxy googleLink, LedgerProbe ledger,
                                           WorkerFleet fleet) throws Exception {
        Instant began = Instant.now();
        // One worker links the emulator's accounts (as onboarding would), then the other two join.
        fleet.start(fleet.slot(0), true);
        require(fleet.slot(0).awaitHealthy(Duration.ofMinutes(3)), "the first worker did not become healthy");
        awaitCount(ledger, "SELECT count(*) FROM google_connection", settings.users(), Duration.ofMinutes(2),
                "linked connections");
        for (int slot = 1; slot < WORKERS; slot++) {
            fleet.start(fleet.slot(slot), false);
        }
        require(fleet.ensureAllHealthy(Duration.ofMinutes(3)), "the workers did not become healthy");
        awaitCount(ledger, "SELECT count(*) FROM sync_state WHERE last_successful_sync_at IS NOT NULL",
                settings.users() * 4L, Duration.ofMinutes(6), "sources fully synced once");
        Duration initialSync = Duration.between(began, Instant.now());
        emulator.activityRate(settings.activityRate());

        Log.info("scenario spof: kill -9 the oldest of %d workers every %d s for %d s", WORKERS,
                settings.killEvery().toSeconds(), settings.spof().toSeconds());
        SpofScenario.Result spof = new SpofScenario(fleet, ledger)
                .run(settings.spof(), settings.killEvery(), settings.scanInterval());

        FaultActions actions = new FaultActions(fleet, postgres, redis, emulator, googleLink, ledger,
                settings.users());
        Duration faultWindow = settings.chaos().minus(settings.faultFreeTail());
        FaultSchedule schedule = FaultSchedule.plan(settings.seed(), faultWindow);
        Log.info("scenario chaos: %d faults in %d s, then %d s of activity without faults after the last",
                schedule.entries().size(),
                faultWindow.toSeconds(), settings.faultFreeTail().toSeconds());
        schedule.entries().forEach(e -> Log.info("  planned +%5.1f s %s", e.at().toMillis() / 1000.0,
                e.kind().label()));
        ChaosScenario chaos = new ChaosScenario(actions);
        try {
            chaos.run(schedule, faultWindow, settings.faultFreeTail());
        } finally {
            actions.restoreAll();
        }

        emulator.activityRate(0);
        boolean allUp = fleet.ensureAllHealthy(Duration.ofMinutes(3));
        Instant quiesced = Instant.now();
        Duration deadline = settings.scanInterval().multipliedBy(2);
        Log.info("quiet: activity stopped, faults cleared, workers %s; deadline %d s", allUp ? "all healthy"
                : "NOT all healthy", deadline.toSeconds());
        Set<String> liveWorkers = fleet.all().stream().filter(WorkerProcess::alive).map(WorkerProcess::id)
                .collect(Collectors.toSet());
        ConvergenceWait.Result convergence = new ConvergenceWait(new ConvergenceCheck(emulator, ledger, redis,
                settings.users())).await(quiesced, deadline, settings.convergeMax(), actions.revoked(), liveWorkers);
        List<Map<String, Object>> startups = startupResults(actions.startupChecks(), fleet, ledger);
        Map<String, String> selfExits = fleet.exitedByThemselves();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", "faults");
        out.put("seed", settings.seed());
        out.put("scenarios", List.of("spof", "chaos"));
        boolean startupsOk = startups.stream().allMatch(s -> Boolean.TRUE.equals(s.get("ok")));
        boolean withinDeadline = convergence.converged() != null && convergence.converged().compareTo(deadline) <= 0;
        boolean passed = spof.passed() && convergence.atDeadline().isEmpty() && withinDeadline && startupsOk
                && selfExits.isEmpty() && allUp;
        out.put("passed", passed);
        out.put("divergences", convergence.atDeadline().size());
        out.put("divergences_target", 0);
        out.put("converged", convergence.converged() != null);
        out.put("converged_within_deadline", withinDeadline);
        out.put("converge_deadline_s", deadline.toSeconds());
        out.put("time_to_converge_after_quiet_s", seconds(convergence.converged()));
        out.put("time_to_converge_after_last_fault_s", convergence.converged() == null || chaos.lastFaultEnded() == null
                ? null : seconds(Duration.between(chaos.lastFaultEnded(), quiesced.plus(convergence.converged()))));
        out.put("divergences_by_kind", convergence.atDeadline().stream().collect(Collectors.groupingBy(
                d -> d.source() + ":" + d.kind(), java.util.TreeMap::new, Collectors.counting())));
        out.put("divergences_at_end", convergence.last().size());
        out.put("divergence_details", details(convergence.atDeadline().isEmpty() ? convergence.last()
                : convergence.atDeadline()));
        Map<String, Object> spofOut = new LinkedHashMap<>();
        spofOut.put("kills", spof.kills());
        spofOut.put("jobrunr_master_kills", spof.masterKills());
        spofOut.put("kills_delayed_for_restart", spof.killsDelayed());
        spofOut.put("sync_starts", spof.syncStarts());
        spofOut.put("longest_start_gap_s", seconds(spof.longestGap()));
        spofOut.put("scan_interval_s", spof.scanInterval().toSeconds());
        spofOut.put("passed", spof.passed());
        out.put("spof", spofOut);
        out.put("ratio", Math.round(spof.longestGap().toMillis() / (double) spof.scanInterval().toMillis() * 1000)
                / 1000.0);
        out.put("baseline", "ratio = longest gap between sync starts / scan interval (target <= 1)");
        Map<String, Integer> byKind = new LinkedHashMap<>();
        byKind.put("worker_kill9_spof", spof.kills());
        actions.injected().forEach((kind, count) -> byKind.put(kind.label(), count));
        out.put("faults_injected", byKind);
        out.put("worker_kills_mid_sync", actions.killsMidSync());
        out.put("revoked_users", actions.revoked());
        out.put("startups_during_outage", startups);
        out.put("workers_exited_by_themselves", selfExits);
        out.put("users", settings.users());
        out.put("activity_per_s", settings.activityRate());
        out.put("spof_s", settings.spof().toSeconds());
        out.put("chaos_s", settings.chaos().toSeconds());
        out.put("fault_free_tail_s", settings.faultFreeTail().toSeconds());
        out.put("poll_interval_s", settings.pollInterval().toSeconds());
        out.put("lease_s", settings.leaseDuration().toSeconds());
        out.put("initial_sync_s", initialSync.toSeconds());
        out.put("convergence_checks", convergence.checks());
        return out;
    }

    private static List<Map<String, Object>> startupResults(List<StartupCheck> checks, WorkerFleet fleet,
                                                            LedgerProbe ledger) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StartupCheck check : checks) {
            Instant healthy = fleet.firstHealthy(check.workerId());
            boolean worked = ledger.startedSyncSince(check.workerId(), check.startedAt());
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("kind", check.kind().label());
            one.put("worker", check.workerId());
            one.put("healthy_after_start_s", healthy == null ? null
                    : seconds(Duration.between(check.startedAt(), healthy)));
            one.put("healthy_after_backend_back_s", healthy == null ? null
                    : seconds(Duration.between(check.backendBackAt(), healthy)));
            one.put("ran_syncs", worked);
            one.put("ok", healthy != null && worked);
            out.add(one);
        }
        return out;
    }

    private static List<String> details(List<Divergence> divergences) {
        return divergences.stream().limit(25).map(Divergence::toString).toList();
    }

    private static Double seconds(Duration duration) {
        return duration == null ? null : Math.round(duration.toMillis() / 100.0) / 10.0;
    }

    private static void awaitCount(LedgerProbe ledger, String sql, long expected, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        long last = -1;
        while (Instant.now().isBefore(deadline)) {
            long count = ledger.count(sql);
            if (count != last) {
                Log.info("%s: %d of %d", what, count, expected);
                last = count;
            }
            if (count >= expected) {
                return;
            }
            Commands.sleep(2000);
        }
        throw new IllegalStateException(what + ": only " + last + " of " + expected + " after " + timeout);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static Path only(String directory, String suffix) throws Exception {
        try (Stream<Path> files = Files.list(Path.of(directory))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *" + suffix + " in " + directory
                            + "; build first (./mvnw -q -DskipTests package)"));
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
