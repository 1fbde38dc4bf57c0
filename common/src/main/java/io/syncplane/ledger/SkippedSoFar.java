package io.syncplane.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The malformed items a run has skipped so far: how many, and the first {@value #KEPT} of them by id and reason. It
 * travels with the checkpoint, so an attempt that resumes an interrupted run still reports what the earlier attempt
 * skipped; bounded, so a source full of broken items cannot grow the ledger row without limit.
 *
 * @param count every item skipped, named or not
 * @param first the first ones, in the order they were skipped
 */
public record SkippedSoFar(long count, List<Item> first) {

    public static final int KEPT = 20;
    public static final SkippedSoFar NONE = new SkippedSoFar(0, List.of());

    /**
     * @param id     what identifies the item best, null when it did not even have an id
     * @param reason why it was skipped
     */
    public record Item(String id, String reason) {

        /** Longer ids and reasons are cut, so the ledger row stays small whatever Google sent. */
        public static final int MAX_LENGTH = 200;

        public Item {
            Objects.requireNonNull(reason, "reason");
            id = cut(id);
            reason = cut(reason);
        }

        private static String cut(String text) {
            return text == null || text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
        }
    }

    public SkippedSoFar {
        first = List.copyOf(first);
        if (count < first.size() || first.size() > KEPT) {
            throw new IllegalArgumentException("count " + count + " with " + first.size() + " named items");
        }
    }

    /** The same item skipped again (a page read twice, after a listing had to restart) counts once. */
    public SkippedSoFar plus(Item item) {
        if (first.contains(item)) {
            return this;
        }
        if (first.size() >= KEPT) {
            return new SkippedSoFar(count + 1, first);
        }
        List<Item> more = new ArrayList<>(first);
        more.add(item);
        return new SkippedSoFar(count + 1, more);
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
