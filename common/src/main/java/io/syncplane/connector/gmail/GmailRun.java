package io.syncplane.connector.gmail;

import io.syncplane.connector.SkippedItems;
import com.google.api.services.gmail.Gmail;
import io.syncplane.sync.SyncSession;

/** What every step of one Gmail sync run works with. */
record GmailRun(SyncSession session, Gmail gmail, long connectionId, SkippedItems skipped) {
}
