package io.syncplane.bench.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * "Scheduling has no single point of failure": three workers, one of them killed with kill -9 every
 * {@code killEvery} and restarted at once: always the longest-running live one, which is JobRunr's master or the
 * one that would become master next (JobRunr elects the oldest server), the worst case the issue describes. The
 * ledger's sync starts across the cluster must never pause longer than the scan interval: the next run of a source
 * travels with the completion of the current one, so it does not wait for whichever worker is JobRunr's master.
 */
final class SpofScenario {

    record Result(int kills, int masterKills, int killsDelayed, int syncStarts, Duration longestGap, Instant gapFrom, Instant gapTo,
                  Duration scanInterval, boolean passed) {
    }

    private final WorkerFleet fleet;
    private final LedgerProbe ledger;

    SpofScenario(WorkerFleet fleet, LedgerProbe ledger) {
        this.fleet = fleet;
        this.ledger = ledger;
    }

    Result run(Duration length, Duration killEvery, Duration scanInterval) throws Exception {
        Instant start = Instant.now();
        Instant end = start.plus(length);
        int kills = 0;
        int masterKills = 0;
        int delayed = 0;
        for (Instant next = start.plus(killEvery); next.isBefore(end); next = next.plus(killEvery)) {
            Commands.sleep(Duration.between(Instant.now(), next).toMillis());
            // "one worker of three": the previous victim must be back first, or on a loaded machine (start-up can
            // take longer than the kill period) the kills add up to no worker at all, which proves nothing
            if (!fleet.allHealthy()) {
                delayed++;
                Instant waitFrom = Instant.now();
                fleet.awaitAllHealthy(Duration.ofMinutes(2));
                Log.info("kill delayed %.1f s until the previous victim was back",
                        Duration.between(waitFrom, Instant.now()).toMillis() / 1000.0);
                next = Instant.now();
                if (!next.isBefore(end)) {
                    break;
                }
            }
            WorkerProcess victim = fleet.oldestAlive();
            String id = victim.id();
            fleet.kill9(victim);
            if (WorkerProcess.wasJobRunrMaster(victim.log(id))) {
                masterKills++;
                Log.info("%s was JobRunr's master", id);
            }
            fleet.start(victim, false);
            kills++;
        }
        Commands.sleep(Duration.between(Instant.now(), end).toMillis());
        List<Instant> starts = ledger.syncStarts(start, end);
        LedgerProbe.Gap gap = LedgerProbe.longestGap(starts, start, end);
        boolean passed = gap.length().compareTo(scanInterval) <= 0;
        Log.info("spof: %d kills (%d of JobRunr's master), %d sync starts, longest gap %.1f s (%s .. %s), "
                        + "scan interval %d s: %s", kills, masterKills, starts.size(), gap.length().toMillis() / 1000.0,
                gap.from(), gap.to(), scanInterval.toSeconds(), passed ? "passed" : "FAILED");
        return new Result(kills, masterKills, delayed, starts.size(), gap.length(), gap.from(), gap.to(), scanInterval, passed);
    }
}
