package io.syncplane.connector.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.gmail.model.History;
import com.google.api.services.gmail.model.HistoryLabelAdded;
import com.google.api.services.gmail.model.HistoryLabelRemoved;
import com.google.api.services.gmail.model.HistoryMessageAdded;
import com.google.api.services.gmail.model.HistoryMessageDeleted;
import com.google.api.services.gmail.model.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryChangesTest {

    @Test
    void added_messages_and_label_changes_are_read_again_once_each() {
        HistoryChanges changes = HistoryChanges.of(List.of(added("a"), labelAdded("b"), labelRemoved("a"),
                labelRemoved("c"), labelAdded("b")));

        assertThat(changes.refetch()).containsExactly("a", "b", "c");
        assertThat(changes.deleted()).isEmpty();
    }

    @Test
    void a_deletion_is_final_whatever_came_before_or_after_it_in_the_page() {
        HistoryChanges changes = HistoryChanges.of(List.of(added("a"), labelAdded("a"), deleted("a"),
                labelRemoved("a"), deleted("b"), added("c")));

        assertThat(changes.refetch()).containsExactly("c");
        assertThat(changes.deleted()).containsExactly("a", "b");
    }

    @Test
    void a_page_without_history_asks_for_nothing() {
        assertThat(HistoryChanges.of(null)).isEqualTo(HistoryChanges.of(List.of()));
        assertThat(HistoryChanges.of(null).refetch()).isEmpty();
    }

    private static Message message(String id) {
        return new Message().setId(id).setThreadId(id);
    }

    private static History added(String id) {
        return new History().setMessagesAdded(List.of(new HistoryMessageAdded().setMessage(message(id))));
    }

    private static History deleted(String id) {
        return new History().setMessagesDeleted(List.of(new HistoryMessageDeleted().setMessage(message(id))));
    }

    private static History labelAdded(String id) {
        return new History().setLabelsAdded(List.of(new HistoryLabelAdded().setMessage(message(id))
                .setLabelIds(List.of("STARRED"))));
    }

    private static History labelRemoved(String id) {
        return new History().setLabelsRemoved(List.of(new HistoryLabelRemoved().setMessage(message(id))
                .setLabelIds(List.of("UNREAD"))));
    }
}
