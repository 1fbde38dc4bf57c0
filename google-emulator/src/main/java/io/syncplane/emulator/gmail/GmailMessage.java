package io.syncplane.emulator.gmail;

import java.util.List;

/**
 * One message as stored. Immutable; a label change stores a new copy.
 *
 * @param key          numeric id; ids grow with time like Gmail's, so descending key order is newest first
 * @param internalDate epoch milliseconds
 * @param historyId    the history id of the last change to this message
 */
public record GmailMessage(long key, String id, String threadId, List<String> labelIds, long internalDate,
                           long historyId, MessageContent content) {

    public GmailMessage {
        labelIds = List.copyOf(labelIds);
    }

    public static String idOf(long key) {
        return String.format("%016x", key);
    }

    public boolean hasLabel(String labelId) {
        return labelIds.contains(labelId);
    }

    public GmailMessage withLabels(List<String> labels, long newHistoryId) {
        return new GmailMessage(key, id, threadId, labels, internalDate, newHistoryId, content);
    }
}
