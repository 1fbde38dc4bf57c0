package io.syncplane.bench.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The randomized scenario's faults: when, what, and a seed of its own for each fault's choices (which worker,
 * which users, how long), all drawn from the run's seed, so the same seed gives the same schedule. Every kind
 * appears at least once; worker kills recur; grant revocations are capped at two (each one removes a user from the
 * convergence check).
 */
record FaultSchedule(List<Entry> entries) {

    record Entry(Duration at, FaultKind kind, long seed) {
    }

    static FaultSchedule plan(long seed, Duration window) {
        Random random = new Random(seed);
        List<FaultKind> kinds = new ArrayList<>(List.of(FaultKind.values()));
        // roughly one fault every 12 s in all; the surplus over one of each goes mostly to kills
        long total = Math.max(kinds.size(), window.toSeconds() / 12);
        while (kinds.size() < total) {
            double roll = random.nextDouble();
            if (roll < 0.45) {
                kinds.add(FaultKind.WORKER_KILL);
            } else {
                FaultKind kind = FaultKind.values()[random.nextInt(FaultKind.values().length)];
                if (kind != FaultKind.GRANT_REVOKED || Collections.frequency(kinds, kind) < 2) {
                    kinds.add(kind);
                }
            }
        }
        Collections.shuffle(kinds, random);
        List<Entry> entries = new ArrayList<>();
        long windowMs = Math.max(1, window.toMillis());
        for (FaultKind kind : kinds) {
            entries.add(new Entry(Duration.ofMillis((long) (random.nextDouble() * windowMs)), kind,
                    random.nextLong()));
        }
        entries.sort(Comparator.comparing(Entry::at));
        return new FaultSchedule(List.copyOf(entries));
    }
}
