package io.syncplane.bench.faults;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker slots of the run, with a watcher that notes when each worker process first answered healthy (the
 * start-up faults report it) and which ones exited by themselves (a finding: nothing here stops a worker but kill -9).
 */
final class WorkerFleet implements AutoCloseable {

    private final List<WorkerProcess> slots = new ArrayList<>();
    private final Map<String, Instant> firstHealthy = new ConcurrentHashMap<>();
    private final Map<String, String> exitedByThemselves = new ConcurrentHashMap<>();
    private final Set<String> killed = ConcurrentHashMap.newKeySet();
    private final Thread watcher;
    private volatile boolean closed;

    WorkerFleet(int size, WorkerLaunch launch) {
        for (int slot = 0; slot < size; slot++) {
            slots.add(new WorkerProcess(slot, launch));
        }
        watcher = new Thread(this::watch, "fleet-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    WorkerProcess slot(int index) {
        return slots.get(index);
    }

    List<WorkerProcess> all() {
        return List.copyOf(slots);
    }

    synchronized void start(WorkerProcess worker, boolean link) throws IOException {
        worker.start(link);
        Log.info("started worker %s", worker.id());
    }

    /** kill -9 the worker; the killed process does not count as having exited by itself. */
    synchronized void kill9(WorkerProcess worker) throws InterruptedException {
        String id = worker.id();
        killed.add(id);
        worker.kill9();
        Log.info("kill -9 worker %s", id);
    }

    /**
     * The worker with the most running syncs (a tie broken by the random), so a kill lands mid-sync; workers in
     * {@code spared} only when there is no other.
     */
    WorkerProcess busiest(Map<String, Integer> runningByWorker, Random random, Set<String> spared) {
        List<WorkerProcess> alive = slots.stream().filter(WorkerProcess::alive)
                .filter(w -> !spared.contains(w.id())).toList();
        if (alive.isEmpty()) {
            return slots.get(random.nextInt(slots.size()));
        }
        int most = alive.stream().mapToInt(w -> runningByWorker.getOrDefault(w.id(), 0)).max().orElse(0);
        List<WorkerProcess> candidates = alive.stream()
                .filter(w -> runningByWorker.getOrDefault(w.id(), 0) == most).toList();
        return candidates.get(random.nextInt(candidates.size()));
    }

    /** The live worker started longest ago: JobRunr's master, or the one it elects next (the oldest server). */
    WorkerProcess oldestAlive() {
        return slots.stream().filter(WorkerProcess::alive).min(java.util.Comparator.comparing(WorkerProcess::startedAt))
                .orElse(slots.get(0));
    }

    boolean allHealthy() {
        return slots.stream().allMatch(w -> w.alive() && w.healthy());
    }

    boolean awaitAllHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (WorkerProcess worker : slots) {
            if (!worker.awaitHealthy(Duration.between(Instant.now(), deadline))) {
                return false;
            }
        }
        return true;
    }

    Instant firstHealthy(String workerId) {
        return firstHealthy.get(workerId);
    }

    /** Worker id → exit code and the root cause its log names last. */
    Map<String, String> exitedByThemselves() {
        return Map.copyOf(exitedByThemselves);
    }

    /** Restarts any slot whose process is gone (after a finding was noted), and waits for all to be healthy. */
    boolean ensureAllHealthy(Duration timeout) throws IOException {
        for (WorkerProcess worker : slots) {
            if (!worker.alive()) {
                start(worker, false);
            }
        }
        Instant deadline = Instant.now().plus(timeout);
        for (WorkerProcess worker : slots) {
            if (!worker.awaitHealthy(Duration.between(Instant.now(), deadline))) {
                return false;
            }
        }
        return true;
    }

    private void watch() {
        while (!closed) {
            for (WorkerProcess worker : all()) {
                WorkerProcess.Snapshot seen = worker.snapshot();
                if (seen == null) {
                    continue;
                }
                String id = seen.id();
                if (seen.exitCode() == null) {
                    if (!firstHealthy.containsKey(id) && worker.healthy() && id.equals(worker.id())) {
                        firstHealthy.put(id, Instant.now());
                        Log.info("worker %s healthy %.1f s after its start", id,
                                Duration.between(seen.startedAt(), Instant.now()).toMillis() / 1000.0);
                    }
                } else if (!killed.contains(id) && !exitedByThemselves.containsKey(id)) {
                    String cause = WorkerProcess.lastCause(worker.log(id));
                    exitedByThemselves.put(id, "exit " + seen.exitCode() + ": " + cause);
                    Log.info("worker %s EXITED by itself with %d: %s", id, seen.exitCode(), cause);
                }
            }
            Commands.sleep(500);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        for (WorkerProcess worker : slots) {
            worker.kill9();
        }
    }
}
