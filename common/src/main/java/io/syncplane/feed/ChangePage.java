package io.syncplane.feed;

import java.util.List;
import java.util.Objects;

/**
 * One read of the feed, in commit order. {@code next} is where to continue; it may lie beyond the last change (an
 * empty or short page moves it up to the oldest transaction still running, so an idle consumer's cursor keeps up with
 * the tombstone horizon). {@code hasMore}: more changes are ready now, read again at once.
 */
public record ChangePage(List<Change> changes, FeedCursor next, boolean hasMore) {

    public ChangePage {
        changes = List.copyOf(changes);
        Objects.requireNonNull(next, "next");
    }
}
