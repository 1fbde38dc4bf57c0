package io.syncplane.api.feed;

import io.syncplane.feed.Change;
import java.time.Instant;
import java.util.Map;

/**
 * One change as the feed's JSON shows it.
 *
 * @param version advances with every write of the row; what a write-back names as its base version
 */
public record ChangeView(String source, long connectionId, String id, String op, long version, Instant changedAt,
                         Map<String, Object> data) {

    static ChangeView of(Change change) {
        return new ChangeView(change.source().id(), change.connectionId(), change.id(), change.op().id(),
                change.version(), change.changedAt(), change.data());
    }
}
