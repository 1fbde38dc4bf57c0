package io.syncplane.emulator.gmail;

import java.util.List;

/**
 * The result of one mutation: the new history id, the records it appended (none when nothing changed), the message
 * as it is now (or was, when deleted), and every label it carried before or after, for watch label filters.
 */
public record MailboxChange(long historyId, List<HistoryRecord> records, GmailMessage message,
                            List<String> touchedLabels) {

    public boolean changed() {
        return !records.isEmpty();
    }
}
