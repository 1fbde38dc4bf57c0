package io.syncplane.connector.calendar;

import io.syncplane.connector.SkippedItems;
import io.syncplane.connector.MalformedItemException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import io.syncplane.store.SyncedItem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recurring events as Google returns them, all-day dates, cancellations, and what cannot be stored. */
class CalendarEventMapperTest {

    @Test
    void a_timed_event_maps_its_times_and_is_not_all_day() throws Exception {
        Event event = timed("ev1", "2026-12-01T09:00:00+01:00", "2026-12-01T10:30:00+01:00")
                .setSummary("Planning").setUpdated(new DateTime("2026-11-20T08:00:00.123Z"));

        SyncedItem item = CalendarEventMapper.toItem("primary", event);

        assertThat(item.key()).containsExactly("primary", "ev1");
        assertThat(item.deleted()).isFalse();
        assertThat(item.columns())
                .containsEntry("status", "confirmed")
                .containsEntry("summary", "Planning")
                .containsEntry("start_at", Instant.parse("2026-12-01T08:00:00Z"))
                .containsEntry("end_at", Instant.parse("2026-12-01T09:30:00Z"))
                .containsEntry("all_day", false)
                .containsEntry("recurring_event_id", null)
                .containsEntry("original_start_at", null)
                .containsEntry("event_updated_at", Instant.parse("2026-11-20T08:00:00.123Z"));
    }

    @Test
    void an_all_day_event_starts_at_midnight_utc_of_its_date() throws Exception {
        Event event = new Event().setId("ev2").setStatus("confirmed")
                .setStart(new EventDateTime().setDate(new DateTime("2026-12-24")))
                .setEnd(new EventDateTime().setDate(new DateTime("2026-12-26")));

        SyncedItem item = CalendarEventMapper.toItem("primary", event);

        assertThat(item.columns()).containsEntry("start_at", Instant.parse("2026-12-24T00:00:00Z"))
                .containsEntry("end_at", Instant.parse("2026-12-26T00:00:00Z")).containsEntry("all_day", true);
        assertThat(item.rawJson()).contains("\"date\":\"2026-12-24\"");
    }

    @Test
    void a_recurring_series_is_stored_as_one_row_with_its_rules_in_the_raw_json() throws Exception {
        Event series = timed("series1", "2026-12-01T09:00:00Z", "2026-12-01T09:15:00Z")
                .setRecurrence(List.of("RRULE:FREQ=WEEKLY;BYDAY=TU"));

        SyncedItem item = CalendarEventMapper.toItem("primary", series);

        assertThat(item.columns()).containsEntry("recurring_event_id", null);
        assertThat(item.rawJson()).contains("RRULE:FREQ=WEEKLY;BYDAY=TU");
    }

    @Test
    void a_modified_instance_of_a_series_keeps_its_series_and_original_start() throws Exception {
        Event instance = timed("series1_20261208T090000Z", "2026-12-08T11:00:00Z", "2026-12-08T11:15:00Z")
                .setRecurringEventId("series1")
                .setOriginalStartTime(new EventDateTime().setDateTime(new DateTime("2026-12-08T09:00:00Z")));

        SyncedItem item = CalendarEventMapper.toItem("primary", instance);

        assertThat(item.columns()).containsEntry("recurring_event_id", "series1")
                .containsEntry("original_start_at", Instant.parse("2026-12-08T09:00:00Z"))
                .containsEntry("start_at", Instant.parse("2026-12-08T11:00:00Z"));
    }

    @Test
    void a_cancelled_instance_is_a_live_row_of_its_series_with_status_cancelled() throws Exception {
        Event cancelled = new Event().setId("series1_20261215").setStatus("cancelled").setRecurringEventId("series1")
                .setOriginalStartTime(new EventDateTime().setDate(new DateTime("2026-12-15")));

        SyncedItem item = CalendarEventMapper.toItem("primary", cancelled);

        // not a deletion: the series lives on, and this row is what says the occurrence does not happen
        assertThat(item.deleted()).isFalse();
        assertThat(item.rawJson()).contains("\"status\":\"cancelled\"");
        assertThat(item.columns()).containsEntry("status", "cancelled")
                .containsEntry("recurring_event_id", "series1")
                .containsEntry("original_start_at", Instant.parse("2026-12-15T00:00:00Z"))
                .containsEntry("start_at", null).containsEntry("all_day", null);
    }

    @Test
    void a_cancelled_event_that_is_no_occurrence_of_a_series_becomes_a_tombstone() throws Exception {
        SyncedItem item = CalendarEventMapper.toItem("team@group.calendar.google.com",
                new Event().setId("gone1").setStatus("cancelled"));

        assertThat(item.deleted()).isTrue();
        assertThat(item.key()).containsExactly("team@group.calendar.google.com", "gone1");
    }

    @Test
    void events_without_an_id_or_a_live_event_without_times_are_malformed_and_skipped() {
        SkippedItems skipped = new SkippedItems(3, "Calendar event");
        List<Event> page = List.of(
                timed("ok", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"),
                timed(null, "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"),
                new Event().setId("no-times").setStatus("confirmed"),
                timed("nul", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z").setSummary("a\u0000b"));

        List<SyncedItem> items = CalendarEventMapper.toItems("primary", page, skipped);

        assertThat(items).extracting(i -> i.key().get(1)).containsExactly("ok", "no-times", "nul");
        assertThat(items).extracting(SyncedItem::unreadable)
                .as("a malformed event with an id stands only for its existence").containsExactly(false, true, true);
        assertThat(skipped.warning()).isEqualTo("skipped 3 malformed Calendar events: (no id) (no id), "
                + "no-times (no start or end), nul (contains NUL characters, which Postgres cannot store)");
    }

    @Test
    void a_missing_id_names_no_event() {
        MalformedItemException e = catchThrowableOfType(() -> CalendarEventMapper.toItem("primary",
                new Event().setStatus("cancelled")), MalformedItemException.class);

        assertThat(e.itemId()).isNull();
    }

    private static Event timed(String id, String start, String end) {
        return new Event().setId(id).setStatus("confirmed")
                .setStart(new EventDateTime().setDateTime(new DateTime(start)))
                .setEnd(new EventDateTime().setDateTime(new DateTime(end)));
    }
}
