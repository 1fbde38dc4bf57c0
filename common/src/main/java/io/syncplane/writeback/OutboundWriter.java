package io.syncplane.writeback;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import io.syncplane.domain.Source;
import io.syncplane.store.ItemTable;
import io.syncplane.store.SyncedTables;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Sends one source's outbound operations to Google with the real client, and reads back what {@link OutboundDrain}
 * needs to decide: whether an uncertain attempt landed, and Google's current copy in a conflict. Errors are Google's
 * own (the client library's exceptions); the drain classifies them.
 */
public interface OutboundWriter {

    Source source();

    default ItemTable table() {
        return SyncedTables.of(source());
    }

    /**
     * The operation's row in the synced table, or empty for a create Google has not named yet: (container, item) for
     * tables keyed by calendar or task list, the item alone for the others.
     */
    default Optional<List<String>> key(OutboundOperation operation) {
        if (operation.itemId() == null) {
            return Optional.empty();
        }
        return Optional.of(table().keyColumns().size() == 2
                ? List.of(operation.containerId(), operation.itemId()) : List.of(operation.itemId()));
    }

    /**
     * Sends the operation.
     *
     * @param stored  Syncplane's copy of the item, if it has one
     * @param version the version to require at Google (If-Match, the person's etag), or null to require none
     */
    GoogleCopy send(OutboundOperation operation, Optional<StoredRow> stored, String version) throws IOException;

    /**
     * After an attempt that may have landed: Google's copy if it did, empty to send again (safe for writes that are
     * idempotent or carry a precondition that a landed attempt makes fail).
     */
    Optional<GoogleCopy> landed(OutboundOperation operation, Optional<StoredRow> stored) throws IOException;

    /** Google's current copy of the operation's item; empty when Google no longer has it. */
    Optional<GoogleCopy> current(OutboundOperation operation) throws IOException;

    /** Google refused because the version sent is not its current one (412 conditionNotMet, People's 400). */
    boolean isStaleVersion(GoogleJsonResponseException e);

    /** The version to send with an update or delete of the stored copy (its etag), or null. */
    String versionOf(StoredRow stored);

    /** Whether Google's copy can have changed under an operation in a way that is a conflict (not Gmail labels). */
    default boolean detectsConflicts() {
        return true;
    }
}
