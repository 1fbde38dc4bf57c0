package io.syncplane.bench.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * After quiescence, checks the copy against the ground truth until it matches or {@code max} has passed. The
 * divergences reported are those of the first check that ends after the deadline (two scan periods after
 * quiescence); later checks only tell when it did converge, if it did. Times are taken when a check ends: a check
 * that finds nothing proves convergence by then, not earlier.
 */
final class ConvergenceWait {

    record Result(List<Divergence> atDeadline, List<Divergence> last, Duration converged, int checks) {
    }

    private final ConvergenceCheck check;

    ConvergenceWait(ConvergenceCheck check) {
        this.check = check;
    }

    Result await(Instant quiesced, Duration deadline, Duration max, Set<String> revoked, Set<String> liveWorkers)
            throws Exception {
        List<Divergence> atDeadline = null;
        List<Divergence> found;
        int checks = 0;
        while (true) {
            found = check.run(revoked, liveWorkers);
            checks++;
            Duration elapsed = Duration.between(quiesced, Instant.now());
            Log.info("convergence check %d at +%.1f s: %d divergences%s", checks, elapsed.toMillis() / 1000.0,
                    found.size(), found.isEmpty() ? "" : ", e.g. " + found.get(0) + " ... " + found.get(found.size() - 1));
            if (found.isEmpty()) {
                return new Result(atDeadline == null ? List.of() : atDeadline, found, elapsed, checks);
            }
            if (atDeadline == null && elapsed.compareTo(deadline) >= 0) {
                atDeadline = List.copyOf(found);
            }
            if (elapsed.compareTo(max) >= 0) {
                return new Result(atDeadline, found, null, checks);
            }
            Commands.sleep(2000);
        }
    }
}
