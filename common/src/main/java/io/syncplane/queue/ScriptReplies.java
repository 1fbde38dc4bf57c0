package io.syncplane.queue;

import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the scripts' flat replies into the queue's values. Shapes are documented at the top of each script. */
final class ScriptReplies {

    private static final int CLAIM_FIELDS = 2;
    private static final int DEAD_LETTER_FIELDS = 6;
    private static final int RECLAIM_FIELDS = 3;
    private static final Map<String, Source> SOURCES = new HashMap<>();
    private static final Map<String, SyncTrigger> TRIGGERS = new HashMap<>();
    private static final Map<String, SyncMode> MODES = new HashMap<>();

    static {
        for (Source source : Source.values()) {
            SOURCES.put(source.id(), source);
        }
        for (SyncTrigger trigger : SyncTrigger.values()) {
            TRIGGERS.put(trigger.id(), trigger);
        }
        for (SyncMode mode : SyncMode.values()) {
            MODES.put(mode.id(), mode);
        }
    }

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
            case "scheduled" -> Settlement.SCHEDULED;
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

    /**
     * Claims come as member, "trigger|mode|lane|failures|waiting since ms|due ms"; the n-th job's lease token is
     * {@code tokenBase + "." + n}. Kept cheap (map lookups, String.split's single-character fast path): this runs for
     * every job a busy worker takes.
     */
    static void claims(List<Object> reply, String tokenBase, String workerId, Instant claimedAt,
                       List<ClaimedJob> into) {
        Lane[] lanes = Lane.values();
        for (int i = 0, n = 1; i + CLAIM_FIELDS <= reply.size(); i += CLAIM_FIELDS, n++) {
            String member = text(reply.get(i));
            // The waiting record from its lane on: ln|tr|md|du|wa|at|... (prelude.lua); the tail is not needed here.
            String[] fields = text(reply.get(i + 1)).split("\\|", 7);
            if (fields.length != 7) {
                throw unexpected("lane|trigger|mode|due|waiting since|failures|...", reply.get(i + 1));
            }
            into.add(new ClaimedJob(
                    syncKey(member),
                    known(TRIGGERS, fields[1], "trigger"),
                    known(MODES, fields[2], "mode"),
                    lanes[Integer.parseInt(fields[0])],
                    Integer.parseInt(fields[5]) + 1,
                    tokenBase + "." + n,
                    workerId,
                    claimedAt,
                    Instant.ofEpochMilli(Long.parseLong(fields[4])),
                    Instant.ofEpochMilli(Long.parseLong(fields[3]))));
        }
    }

    /** Members are always written from a {@link SyncKey#asString()}; parsed without regex or streams. */
    static SyncKey syncKey(String member) {
        int colon = member.indexOf(':');
        Source source = colon < 0 ? null : SOURCES.get(member.substring(colon + 1));
        if (source == null) {
            return SyncKey.parse(member); // throws with the domain's message
        }
        return new SyncKey(Long.parseLong(member, 0, colon, 10), source);
    }

    private static <T> T known(Map<String, T> values, String id, String what) {
        T value = values.get(id);
        if (value == null) {
            throw new IllegalStateException("queue script replied an unknown " + what + " '" + id + "'");
        }
        return value;
    }

    static void reclaimed(List<Object> reply, List<ReclaimedLease> into) {
        for (int i = 0; i + RECLAIM_FIELDS <= reply.size(); i += RECLAIM_FIELDS) {
            into.add(new ReclaimedLease(syncKey(text(reply.get(i))), text(reply.get(i + 1)),
                    settlement(reply.get(i + 2))));
        }
    }

    /** Returns the partition's dead count; adds its dead letters to {@code into}. */
    static long deadLetters(List<Object> reply, List<DeadLetter> into) {
        for (int i = 1; i + DEAD_LETTER_FIELDS <= reply.size(); i += DEAD_LETTER_FIELDS) {
            Object error = reply.get(i + 5);
            into.add(new DeadLetter(
                    syncKey(text(reply.get(i))),
                    known(TRIGGERS, text(reply.get(i + 2)), "trigger"),
                    known(MODES, text(reply.get(i + 3)), "mode"),
                    (int) number(reply.get(i + 4)),
                    error == null ? "" : text(error),
                    Instant.ofEpochMilli(number(reply.get(i + 1)))));
        }
        return number(reply.get(0));
    }

    static QueueStats stats(List<List<Object>> perPartition) {
        Map<Lane, Long> ready = new EnumMap<>(Lane.class);
        Map<Lane, Long> delayed = new EnumMap<>(Lane.class);
        List<QueueStats.Partition> partitions = new ArrayList<>();
        long running = 0;
        long dead = 0;
        long parked = 0;
        long runnable = 0;
        for (Lane lane : Lane.values()) {
            ready.put(lane, 0L);
            delayed.put(lane, 0L);
        }
        for (List<Object> reply : perPartition) {
            long partitionReady = 0;
            long partitionDelayed = 0;
            for (Lane lane : Lane.values()) {
                long r = number(reply.get(lane.ordinal()));
                long d = number(reply.get(3 + lane.ordinal()));
                ready.merge(lane, r, Long::sum);
                delayed.merge(lane, d, Long::sum);
                partitionReady += r;
                partitionDelayed += d;
            }
            running += number(reply.get(6));
            dead += number(reply.get(7));
            parked += number(reply.get(8));
            runnable += number(reply.get(9));
            partitions.add(new QueueStats.Partition(partitions.size(), partitionReady, partitionDelayed));
        }
        return new QueueStats(ready, delayed, parked, running, dead, runnable, partitions);
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
