package io.syncplane.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ItemTableTest {

    @Test
    void a_row_is_matched_by_its_connection_then_every_key_column_in_order() {
        ItemTable events = new ItemTable("calendar_event", List.of("calendar_id", "event_id"), List.of());
        ItemTable messages = new ItemTable("gmail_message", List.of("message_id"), List.of());

        assertThat(events.rowMatch()).isEqualTo("connection_id = ? AND calendar_id = ? AND event_id = ?");
        assertThat(messages.rowMatch()).isEqualTo("connection_id = ? AND message_id = ?");
    }
}
