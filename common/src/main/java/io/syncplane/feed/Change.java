package io.syncplane.feed;

import io.syncplane.domain.Source;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One change in the feed: the current state of one synced row.
 *
 * @param source       which kind of Google data
 * @param connectionId the Google connection (account) it belongs to
 * @param id           Google's id: message_id, event_id, resource_name or task_id. Events and tasks are only unique
 *                     together with {@code calendar_id} / {@code tasklist_id}, which {@code data} carries.
 * @param op           upsert (created, changed or back from the dead) or delete (a tombstone)
 * @param data         every key column, the typed columns (String, Instant, LocalDate, Integer, Boolean,
 *                     List&lt;String&gt;; null when unknown), {@code raw}: Google's JSON as maps and lists, and
 *                     {@code appData}: the application-owned fields (two-way sync), null when there are none. A
 *                     delete carries the last state known before it.
 * @param changedAt    when Syncplane wrote this state
 * @param position     where it sits in the feed; {@code position.seq()} is the row's version
 */
public record Change(Source source, long connectionId, String id, Op op, Map<String, Object> data, Instant changedAt,
                     FeedPosition position) {

    public Change {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(position, "position");
    }

    /** The row's version: advances with every write of it. */
    public long version() {
        return position.seq();
    }

    public enum Op {
        UPSERT, DELETE;

        /** As spoken on the wire: {@code upsert} / {@code delete}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
