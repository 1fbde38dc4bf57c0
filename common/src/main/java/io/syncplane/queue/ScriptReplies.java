package io.syncplane.queue;

import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Turns the scripts' flat replies into the queue's values. Shapes are documented at the top of each script. */
final class ScriptReplies {

    private static final int CLAIM_FIELDS = 7;
    private static final int DEAD_LETTER_FIELDS = 6;
    private static final int RECLAIM_FIELDS = 3;

    private ScriptReplies() {
    }

    static EnqueueOutcome enqueueOutcome(Object reply) {
        return switch (text(reply)) {
            case "enqueued" -> EnqueueOutcome.ENQUEUED;
            case "debounced" -> EnqueueOutcome.DEBOUNCED;
            case "coalesced" -> EnqueueOutcome.COALESCED;
            case "pending" -> EnqueueOutcome.MARKED_PENDING;
            case "dead" -> EnqueueOutcome.DEAD_LETTERED;
            default -> throw unexpected("enqueue", reply);
        };
    }

    static Settlement settlement(Object reply) {
        return switch (text(reply)) {
            case "done" -> Settlement.DONE;
            case "requeued" -> Settlement.REQUEUED;
            case "retry" -> Settlement.RETRY_SCHEDULED;
            case "dead" -> Settlement.DEAD_LETTERED;
            case "deferred" -> Settlement.DEFERRED;
            case "released" -> Settlement.RELEASED;
            case "lost" -> Settlement.LEASE_LOST;
            default -> throw unexpected("settle", reply);
        };
    }

    static LeaseStatus leaseStatus(Object reply) {
        return switch (text(reply)) {
            case "extended" -> LeaseStatus.EXTENDED;
            case "lost" -> LeaseStatus.LOST;
            default -> throw unexpected("heartbeat", reply);
        };
    }

    static void claims(List<Object> reply, String workerId, Instant claimedAt, List<ClaimedJob> into) {
        for (int i = 0; i + CLAIM_FIELDS <= reply.size(); i += CLAIM_FIELDS) {
            into.add(new ClaimedJob(
                    SyncKey.parse(text(reply.get(i))),
                    SyncTrigger.fromId(text(reply.get(i + 1))),
                    SyncMode.fromId(text(reply.get(i + 2))),
                    Lane.values()[(int) number(reply.get(i + 3))],
                    (int) number(reply.get(i + 4)) + 1,
                    text(reply.get(i + 5)),
                    workerId,
                    claimedAt,
                    Instant.ofEpochMilli(number(reply.get(i + 6)))));
        }
    }

    static void reclaimed(List<Object> reply, List<ReclaimedLease> into) {
        for (int i = 0; i + RECLAIM_FIELDS <= reply.size(); i += RECLAIM_FIELDS) {
            into.add(new ReclaimedLease(SyncKey.parse(text(reply.get(i))), text(reply.get(i + 1)),
                    settlement(reply.get(i + 2))));
        }
    }

    /** Returns the partition's dead count; adds its dead letters to {@code into}. */
    static long deadLetters(List<Object> reply, List<DeadLetter> into) {
        for (int i = 1; i + DEAD_LETTER_FIELDS <= reply.size(); i += DEAD_LETTER_FIELDS) {
            Object error = reply.get(i + 5);
            into.add(new DeadLetter(
                    SyncKey.parse(text(reply.get(i))),
                    SyncTrigger.fromId(text(reply.get(i + 2))),
                    SyncMode.fromId(text(reply.get(i + 3))),
                    (int) number(reply.get(i + 4)),
                    error == null ? "" : text(error),
                    Instant.ofEpochMilli(number(reply.get(i + 1)))));
        }
        return number(reply.get(0));
    }

    static QueueStats stats(List<List<Object>> perPartition) {
        Map<Lane, Long> ready = new EnumMap<>(Lane.class);
        Map<Lane, Long> delayed = new EnumMap<>(Lane.class);
        long running = 0;
        long dead = 0;
        long parked = 0;
        for (Lane lane : Lane.values()) {
            ready.put(lane, 0L);
            delayed.put(lane, 0L);
        }
        for (List<Object> reply : perPartition) {
            for (Lane lane : Lane.values()) {
                ready.merge(lane, number(reply.get(lane.ordinal())), Long::sum);
                delayed.merge(lane, number(reply.get(3 + lane.ordinal())), Long::sum);
            }
            running += number(reply.get(6));
            dead += number(reply.get(7));
            parked += number(reply.get(8));
        }
        return new QueueStats(ready, delayed, parked, running, dead);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object reply) {
        if (reply instanceof List<?> values) {
            return (List<Object>) values;
        }
        throw unexpected("a list", reply);
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        throw unexpected("a string", value);
    }

    private static long number(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof String s) {
            return (long) Double.parseDouble(s);
        }
        throw unexpected("a number", value);
    }

    private static IllegalStateException unexpected(String what, Object reply) {
        return new IllegalStateException("queue script replied " + reply + " where " + what + " was expected");
    }
}
