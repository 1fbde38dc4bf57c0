package io.syncplane.writeback;

import io.syncplane.store.SyncedItem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An item as Google has it now, mapped for its synced table: what Google answered to a write, or its current copy
 * read for a conflict.
 *
 * @param item       the row to store (a delete: {@link SyncedItem#deletedKey})
 * @param version    Google's version of it (an etag; Gmail: the historyId), null after a delete
 * @param modifiedAt Google's last modification of it, for "newer wins"; null when Google does not say
 * @param retired    rows the write moved away from (a task moved to another list leaves its old key), tombstoned with
 *                   it
 */
public record GoogleCopy(SyncedItem item, String version, Instant modifiedAt, List<SyncedItem> retired) {

    public GoogleCopy {
        Objects.requireNonNull(item, "item");
        retired = retired == null ? List.of() : List.copyOf(retired);
    }

    public GoogleCopy(SyncedItem item, String version, Instant modifiedAt) {
        this(item, version, modifiedAt, List.of());
    }

    /** The item is gone at Google (deleted by this write, or before it). */
    public static GoogleCopy gone(List<String> key) {
        return new GoogleCopy(SyncedItem.deletedKey(key), null, null);
    }

    /** Google's id of the item: the last part of its key. */
    public String itemId() {
        return item.key().get(item.key().size() - 1);
    }

    public boolean isGone() {
        return item.deleted();
    }
}
