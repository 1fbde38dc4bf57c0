package io.syncplane.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.SyncKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every queue test needs: a backend-specific way to open queues (each one behaves as a separate worker process
 * on the same backend), a clock tests move, and short verbs for the common steps.
 */
abstract class QueueTestFixture {

    static final Duration LEASE = Duration.ofSeconds(30);
    /** Large enough that the limiter never interferes with tests about something else. */
    static final RateLimitPolicy UNTHROTTLED = RateLimitPolicy.uniform(new RateLimitPolicy.Rate(100_000, 100_000));

    protected final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final List<SyncQueue> opened = new ArrayList<>();
    protected SyncQueue queue;

    protected QueueBackend backend;

    /** A fresh, isolated store for one test. */
    protected abstract QueueBackend newBackend();

    /** Settings with the backend's isolated keys; tests adjust them with the {@code with...} methods. */
    protected QueueSettings baseSettings() {
        return backend.baseSettings();
    }

    /** Settings for a second, independent queue on the same backend (its own keys). */
    protected QueueSettings separateQueueSettings(String name) {
        QueueSettings base = baseSettings();
        return base.withKeyPrefix(base.keyPrefix() + name + ":");
    }

    @BeforeEach
    void openDefaultQueue() {
        backend = newBackend();
        queue = open(baseSettings());
    }

    @AfterEach
    void closeQueues() {
        try {
            opened.forEach(SyncQueue::close);
        } finally {
            backend.close();
        }
    }

    protected SyncQueue open(QueueSettings settings) {
        SyncQueue opening = backend.open(settings, clock);
        opened.add(opening);
        return opening;
    }

    /** Replaces the default queue with one using other settings. */
    protected void useSettings(QueueSettings settings) {
        queue = open(settings);
    }

    protected EnqueueOutcome enqueue(Triggers.Trigger trigger) {
        return enqueue(queue, trigger);
    }

    protected EnqueueOutcome enqueue(SyncQueue on, Triggers.Trigger trigger) {
        EnqueueRequest request = trigger.at(clock.instant());
        return on.enqueue(request.key(), request.trigger(), request.mode(), request.dueAt());
    }

    protected List<ClaimedJob> claim(int max) {
        return queue.claim("worker-1", max, LEASE);
    }

    protected ClaimedJob claimOne() {
        List<ClaimedJob> claimed = claim(1);
        assertThat(claimed).as("one claimable job").hasSize(1);
        return claimed.get(0);
    }

    protected void assertNothingClaimable() {
        assertThat(claim(10)).as("claimable jobs").isEmpty();
    }

    protected static List<SyncKey> keysOf(List<ClaimedJob> jobs) {
        return jobs.stream().map(ClaimedJob::key).toList();
    }
}
