package io.syncplane.connector.calendar;

import io.syncplane.connector.SkippedItems;
import io.syncplane.connector.MalformedItemException;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import io.syncplane.store.SyncedItem;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a Calendar event into a row of {@code calendar_event}, keyed by (calendar id, event id) since event ids are
 * unique only within a calendar: typed columns plus its raw JSON. Recurring events are stored as Google returns them
 * with singleEvents=false: the series with its recurrence rules, and exceptions as their own rows carrying
 * recurringEventId and originalStartTime.
 *
 * <p>A cancelled event becomes a tombstone, except a cancelled occurrence of a series (status cancelled with a
 * recurringEventId): that is no deletion but part of the live series, the one thing saying that occurrence does not
 * happen. Google lists it in full syncs too and says clients "must store these cancelled exceptions" for the life of
 * the series; as a tombstone an application expanding the series would bring the occurrence back. So it is a live row
 * with status {@code cancelled}, and goes when its series does (see {@link CalendarPages#write}).
 */
final class CalendarEventMapper {

    private static final JsonFactory JSON = GsonFactory.getDefaultInstance();
    /** A JSON-escaped NUL not itself escaped: Postgres can hold it neither in text nor in jsonb. */
    private static final Pattern ESCAPED_NUL = Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\\\u0000");

    private CalendarEventMapper() {
    }

    static SyncedItem toItem(String calendarId, Event event) throws MalformedItemException {
        String id = event.getId();
        if (id == null || id.isBlank()) {
            throw new MalformedItemException(null, "no id");
        }
        String raw = rawJson(event);
        if (ESCAPED_NUL.matcher(raw).find()) {
            throw new MalformedItemException(id, "contains NUL characters, which Postgres cannot store");
        }
        boolean cancelled = "cancelled".equals(event.getStatus());
        if (!cancelled && (!hasTime(event.getStart()) || !hasTime(event.getEnd()))) {
            // Google guarantees start and end for every event that is not cancelled.
            throw new MalformedItemException(id, "no start or end");
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("status", event.getStatus());
        columns.put("summary", event.getSummary());
        columns.put("start_at", instant(id, event.getStart()));
        columns.put("end_at", instant(id, event.getEnd()));
        columns.put("all_day", event.getStart() == null ? null : event.getStart().getDate() != null);
        columns.put("recurring_event_id", event.getRecurringEventId());
        columns.put("original_start_at", instant(id, event.getOriginalStartTime()));
        columns.put("event_updated_at", event.getUpdated() == null ? null
                : Instant.ofEpochMilli(event.getUpdated().getValue()));
        List<String> key = List.of(calendarId, id);
        boolean tombstone = cancelled && event.getRecurringEventId() == null;
        return tombstone ? SyncedItem.deleted(key, columns, raw) : SyncedItem.live(key, columns, raw);
    }

    /**
     * The rows for one page; a malformed event is recorded in {@code skipped} and stands only for its existence, so a
     * full sync keeps its stored copy.
     */
    static List<SyncedItem> toItems(String calendarId, List<Event> events, SkippedItems skipped) {
        if (events == null) {
            return List.of();
        }
        List<SyncedItem> items = new ArrayList<>(events.size());
        for (Event event : events) {
            try {
                items.add(toItem(calendarId, event));
            } catch (MalformedItemException e) {
                skipped.record(e);
                if (event.getId() != null && !event.getId().isBlank()) {
                    items.add(SyncedItem.unreadable(List.of(calendarId, event.getId())));
                }
            }
        }
        return items;
    }

    private static boolean hasTime(EventDateTime time) {
        return time != null && (time.getDateTime() != null || time.getDate() != null);
    }

    /** A date-time as it is; an all-day date as midnight UTC of that date (the day is the same everywhere). */
    private static Instant instant(String id, EventDateTime time) throws MalformedItemException {
        if (time == null) {
            return null;
        }
        if (time.getDateTime() != null) {
            return Instant.ofEpochMilli(time.getDateTime().getValue());
        }
        if (time.getDate() != null) {
            return midnightUtc(id, time.getDate());
        }
        return null;
    }

    private static Instant midnightUtc(String id, DateTime date) throws MalformedItemException {
        try {
            return LocalDate.parse(date.toStringRfc3339().substring(0, 10)).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException | IndexOutOfBoundsException e) {
            throw new MalformedItemException(id, "unreadable all-day date " + date);
        }
    }

    private static String rawJson(Event event) throws MalformedItemException {
        try {
            return JSON.toString(event);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedItemException(event.getId(), "cannot be written as JSON: " + e.getMessage());
        }
    }
}
