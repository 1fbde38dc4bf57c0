package io.syncplane.connector.tasks;

import io.syncplane.connector.SkippedItems;
import io.syncplane.connector.MalformedItemException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.tasks.model.Task;
import io.syncplane.store.SyncedItem;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a Google task becomes a task row, from the JSON Google sends. */
class TaskMapperTest {

    @Test
    void every_field_applications_query_lands_in_its_typed_column() throws Exception {
        SyncedItem row = TaskMapper.map("list-1", task("""
                {"id":"t1","title":"Pay rent","status":"completed","due":"2026-03-05T00:00:00.000Z",
                 "completed":"2026-03-04T18:30:00.000Z","updated":"2026-03-04T18:30:01.250Z","parent":"t0",
                 "hidden":true,"position":"00000000000000000001"}"""));

        assertThat(row.key()).containsExactly("list-1", "t1");
        assertThat(row.deleted()).isFalse();
        assertThat(row.columns()).containsEntry("title", "Pay rent").containsEntry("status", "completed")
                .containsEntry("due", LocalDate.of(2026, 3, 5))
                .containsEntry("completed_at", Instant.parse("2026-03-04T18:30:00Z"))
                .containsEntry("task_updated_at", Instant.parse("2026-03-04T18:30:01.250Z"))
                .containsEntry("parent_id", "t0").containsEntry("hidden", true);
        assertThat(row.rawJson()).contains("\"position\":\"00000000000000000001\"");
    }

    @Test
    void the_due_date_is_the_date_as_written_never_moved_by_a_time_zone() throws Exception {
        SyncedItem row = TaskMapper.map("l", task("{\"id\":\"t\",\"due\":\"2026-03-05T00:00:00-08:00\"}"));

        assertThat(row.columns()).containsEntry("due", LocalDate.of(2026, 3, 5));
    }

    @Test
    void absent_optional_fields_are_null_and_absent_hidden_means_visible() throws Exception {
        SyncedItem row = TaskMapper.map("l", task("{\"id\":\"t\",\"title\":\"x\",\"status\":\"needsAction\"}"));

        assertThat(row.columns()).containsEntry("due", null).containsEntry("completed_at", null)
                .containsEntry("parent_id", null).containsEntry("hidden", false);
    }

    @Test
    void a_deleted_task_becomes_a_tombstone_that_keeps_the_fields_we_had() throws Exception {
        SyncedItem row = TaskMapper.map("l", task("{\"id\":\"t\",\"title\":\"x\",\"deleted\":true}"));

        assertThat(row.deleted()).isTrue();
        assertThat(row.key()).containsExactly("l", "t");
        assertThat(row.rawJson()).isNull();
    }

    @Test
    void a_task_whose_timestamps_do_not_parse_is_malformed_and_named_by_list_and_id() {
        assertThatThrownBy(() -> TaskMapper.map("l", task("{\"id\":\"t\",\"updated\":\"yesterday\"}")))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("updated is not an RFC 3339 timestamp: \"yesterday\"")
                .extracting(e -> ((MalformedItemException) e).itemId()).isEqualTo("l/t");
        assertThatThrownBy(() -> TaskMapper.map("l", task("{\"id\":\"t\",\"due\":\"2026-03-05\"}")))
                .isInstanceOf(MalformedItemException.class).hasMessageStartingWith("due is not");
        assertThatThrownBy(() -> TaskMapper.map("l", task("{\"etag\":\"e1\",\"title\":\"no id\"}")))
                .isInstanceOf(MalformedItemException.class).hasMessage("no id")
                .extracting(e -> ((MalformedItemException) e).itemId()).isEqualTo("l/etag e1");
    }

    @Test
    void a_page_with_one_malformed_task_maps_the_others_and_records_the_one() throws Exception {
        SkippedItems skipped = new SkippedItems(1, "task");

        List<SyncedItem> rows = TaskMapper.mapAll("l", List.of(task("{\"id\":\"a\"}"),
                task("{\"id\":\"b\",\"completed\":\"soon\"}"), task("{\"id\":\"c\"}")), skipped);

        assertThat(rows).extracting(row -> row.key().get(1)).containsExactly("a", "b", "c");
        assertThat(rows.get(1)).as("the malformed one stands only for its existence")
                .isEqualTo(SyncedItem.unreadable(List.of("l", "b")));
        assertThat(skipped.warning())
                .isEqualTo("skipped 1 malformed task: l/b (completed is not an RFC 3339 timestamp: \"soon\")");
    }

    private static Task task(String json) throws IOException {
        return GsonFactory.getDefaultInstance().fromString(json, Task.class);
    }
}
