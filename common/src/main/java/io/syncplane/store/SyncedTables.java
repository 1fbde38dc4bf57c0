package io.syncplane.store;

import static io.syncplane.store.ItemTable.column;

import io.syncplane.domain.Source;
import java.util.List;

/** The table each source's items land in (schema: db/changelog/004-synced-data.sql). */
public final class SyncedTables {

    public static final ItemTable GMAIL_MESSAGE = new ItemTable("gmail_message", List.of("message_id"), List.of(
            column("thread_id", "text"),
            column("history_id", "text"),
            column("internal_date", "timestamptz"),
            column("from_header", "text"),
            column("to_header", "text"),
            column("subject", "text"),
            column("label_ids", "text[]"),
            column("snippet", "text"),
            column("size_estimate", "integer")), "historyId");

    public static final ItemTable CALENDAR_EVENT = new ItemTable("calendar_event",
            List.of("calendar_id", "event_id"), List.of(
            column("status", "text"),
            column("summary", "text"),
            column("start_at", "timestamptz"),
            column("end_at", "timestamptz"),
            column("all_day", "boolean"),
            column("recurring_event_id", "text"),
            column("original_start_at", "timestamptz"),
            column("event_updated_at", "timestamptz")));

    public static final ItemTable CONTACT = new ItemTable("contact", List.of("resource_name"), List.of(
            column("display_name", "text"),
            column("given_name", "text"),
            column("family_name", "text"),
            column("emails", "text[]"),
            column("phone_numbers", "text[]"),
            column("organization", "text")));

    public static final ItemTable TASK = new ItemTable("task", List.of("tasklist_id", "task_id"), List.of(
            column("title", "text"),
            column("status", "text"),
            column("due", "date"),
            column("completed_at", "timestamptz"),
            column("task_updated_at", "timestamptz"),
            column("parent_id", "text"),
            column("hidden", "boolean")));

    private SyncedTables() {
    }

    public static ItemTable of(Source source) {
        return switch (source) {
            case GMAIL -> GMAIL_MESSAGE;
            case CALENDAR -> CALENDAR_EVENT;
            case CONTACTS -> CONTACT;
            case TASKS -> TASK;
        };
    }
}
