package io.syncplane.writeback;

import java.util.List;

/**
 * Syncplane's copy of the item an operation is about, as the last sync (or write) left it.
 *
 * @param raw       Google's JSON of the item as stored
 * @param changeSeq its feed version: an operation based on an older one was made without knowing the change since
 */
public record StoredRow(List<String> key, String raw, long changeSeq, boolean deleted) {
}
