package io.syncplane.connector.gmail;

import com.google.api.services.gmail.model.History;
import com.google.api.services.gmail.model.HistoryLabelAdded;
import com.google.api.services.gmail.model.HistoryLabelRemoved;
import com.google.api.services.gmail.model.HistoryMessageAdded;
import com.google.api.services.gmail.model.HistoryMessageDeleted;
import com.google.api.services.gmail.model.Message;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one page of history.list asks the copy to do: messages to read again (added, or labels changed) and messages
 * to tombstone. Records come in history order and a deletion is final, so a message added and deleted within the page
 * is only deleted, and a message is read once however many of its changes the page holds.
 */
record HistoryChanges(Set<String> refetch, Set<String> deleted) {

    static HistoryChanges of(List<History> records) {
        Set<String> refetch = new LinkedHashSet<>();
        Set<String> deleted = new LinkedHashSet<>();
        if (records == null) {
            return new HistoryChanges(refetch, deleted);
        }
        for (History record : records) {
            if (record.getMessagesAdded() != null) {
                for (HistoryMessageAdded added : record.getMessagesAdded()) {
                    changed(added.getMessage(), refetch, deleted);
                }
            }
            if (record.getLabelsAdded() != null) {
                for (HistoryLabelAdded added : record.getLabelsAdded()) {
                    changed(added.getMessage(), refetch, deleted);
                }
            }
            if (record.getLabelsRemoved() != null) {
                for (HistoryLabelRemoved removed : record.getLabelsRemoved()) {
                    changed(removed.getMessage(), refetch, deleted);
                }
            }
            if (record.getMessagesDeleted() != null) {
                for (HistoryMessageDeleted gone : record.getMessagesDeleted()) {
                    if (gone.getMessage() != null && gone.getMessage().getId() != null) {
                        refetch.remove(gone.getMessage().getId());
                        deleted.add(gone.getMessage().getId());
                    }
                }
            }
        }
        return new HistoryChanges(refetch, deleted);
    }

    private static void changed(Message message, Set<String> refetch, Set<String> deleted) {
        if (message != null && message.getId() != null && !deleted.contains(message.getId())) {
            refetch.add(message.getId());
        }
    }
}
