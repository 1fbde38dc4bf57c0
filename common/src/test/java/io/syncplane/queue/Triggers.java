package io.syncplane.queue;

import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import java.time.Duration;
import java.time.Instant;

/** Test vocabulary: {@code push(gmailOf(7)).dueIn(seconds(5))}. */
final class Triggers {

    private Triggers() {
    }

    static SyncKey gmailOf(long connectionId) {
        return new SyncKey(connectionId, Source.GMAIL);
    }

    static SyncKey calendarOf(long connectionId) {
        return new SyncKey(connectionId, Source.CALENDAR);
    }

    static SyncKey contactsOf(long connectionId) {
        return new SyncKey(connectionId, Source.CONTACTS);
    }

    static SyncKey tasksOf(long connectionId) {
        return new SyncKey(connectionId, Source.TASKS);
    }

    static Trigger push(SyncKey key) {
        return new Trigger(key, SyncTrigger.PUSH, SyncMode.INCREMENTAL, Duration.ZERO);
    }

    static Trigger manual(SyncKey key) {
        return new Trigger(key, SyncTrigger.MANUAL, SyncMode.INCREMENTAL, Duration.ZERO);
    }

    static Trigger scheduled(SyncKey key) {
        return new Trigger(key, SyncTrigger.SCHEDULE, SyncMode.INCREMENTAL, Duration.ZERO);
    }

    static Trigger backfill(SyncKey key) {
        return new Trigger(key, SyncTrigger.SCHEDULE, SyncMode.FULL, Duration.ZERO);
    }

    static Duration seconds(long n) {
        return Duration.ofSeconds(n);
    }

    static Duration millis(long n) {
        return Duration.ofMillis(n);
    }

    /** A trigger before it meets a clock: due {@code delay} after whatever "now" is when it is enqueued. */
    record Trigger(SyncKey key, SyncTrigger trigger, SyncMode mode, Duration delay) {

        Trigger dueIn(Duration value) {
            return new Trigger(key, trigger, mode, value);
        }

        Trigger full() {
            return new Trigger(key, trigger, SyncMode.FULL, delay);
        }

        EnqueueRequest at(Instant now) {
            return new EnqueueRequest(key, trigger, mode, now.plus(delay));
        }
    }
}
