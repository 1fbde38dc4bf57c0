package io.syncplane.emulator.gmail;

import java.util.List;

/**
 * One history record: one change to one message.
 *
 * @param labelIds for {@code MESSAGE_ADDED} the message's labels; for label changes the labels added or removed
 */
public record HistoryRecord(long id, long atMillis, Kind kind, String messageId, String threadId,
                            List<String> labelIds) {

    public HistoryRecord {
        labelIds = List.copyOf(labelIds);
    }

    /** The {@code historyTypes} values, with their wire names. */
    public enum Kind {
        MESSAGE_ADDED("messageAdded", "messagesAdded"),
        MESSAGE_DELETED("messageDeleted", "messagesDeleted"),
        LABEL_ADDED("labelAdded", "labelsAdded"),
        LABEL_REMOVED("labelRemoved", "labelsRemoved");

        private final String wireName;
        private final String listField;

        Kind(String wireName, String listField) {
            this.wireName = wireName;
            this.listField = listField;
        }

        public String wireName() {
            return wireName;
        }

        public String listField() {
            return listField;
        }

        public static Kind fromWire(String value) {
            for (Kind kind : values()) {
                if (kind.wireName.equalsIgnoreCase(value)) {
                    return kind;
                }
            }
            return null;
        }
    }
}
