package io.syncplane.emulator.calendar;

import io.syncplane.emulator.cursor.CursorCodec;
import io.syncplane.emulator.cursor.SortKeys;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.ParamParsers;
import io.syncplane.emulator.http.Params;
import io.syncplane.emulator.http.RouteTable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Calendar v3: events.list (page and sync tokens), events.get, calendarList.list and .get ({@link CalendarListPage}).
 * Watch and channels.stop live in {@link CalendarWatchEndpoints}, the event writes in {@link CalendarWriteEndpoints}.
 */
public final class CalendarEndpoints {

    private static final String SYNC = "CS";
    private static final String PAGE = "CP";

    private final Clock clock;
    private final Duration horizon;

    public CalendarEndpoints(Clock clock, Duration horizon) {
        this.clock = clock;
        this.horizon = horizon;
    }

    public void register(RouteTable routes) {
        routes.api("GET", "calendar/v3/calendars/{}/events", Api.CALENDAR, 1, this::listEvents);
        routes.api("GET", "calendar/v3/calendars/{}/events/{}", Api.CALENDAR, 1, this::getEvent);
        routes.api("GET", "calendar/v3/users/me/calendarList", Api.CALENDAR, 1, this::calendarList);
        routes.api("GET", "calendar/v3/users/me/calendarList/{}", Api.CALENDAR, 1, this::calendarListEntry);
    }

    static EmulatedCalendar calendar(Call call) {
        EmulatedCalendar calendar = call.user().calendars().calendar(call.var(0));
        if (calendar == null) {
            throw new ApiException(GoogleErrors.calendarNotFound());
        }
        return calendar;
    }

    private ApiResponse getEvent(Call call) {
        EmulatedCalendar calendar = calendar(call);
        CalendarEvent event = calendar.event(call.var(1));
        if (event == null) {
            throw new ApiException(GoogleErrors.calendarNotFound());
        }
        return ApiResponse.ok(Json.bytes(EventRenderer.event(event, calendar.accessRole())));
    }

    private ApiResponse calendarList(Call call) {
        return ApiResponse.ok(Json.bytes(CalendarListPage.render(call.user().calendars(), call.params(), clock)));
    }

    private ApiResponse calendarListEntry(Call call) {
        CalendarBook book = call.user().calendars();
        EmulatedCalendar calendar = book.calendar(call.var(0));
        if (calendar == null) {
            throw new ApiException(GoogleErrors.calendarNotFound());
        }
        return ApiResponse.ok(Json.bytes(CalendarListPage.entry(calendar, book.primaryId())));
    }

    private ApiResponse listEvents(Call call) {
        EmulatedCalendar calendar = calendar(call);
        Params params = call.params();
        int max = ParamParsers.pageSize(params, "maxResults", 250, 1, 2500,
                raw -> EventFilters.invalid("maxResults", raw));
        String syncToken = params.text("syncToken");
        String pageToken = params.text("pageToken");
        if (syncToken != null) {
            EventFilters.rejectForbiddenWithSyncToken(params);
        }
        Function<CalendarEvent, String> sortKey = sortKey(params);
        String fingerprint = EventFilters.fingerprint(params);
        long sinceSeq = -1;
        Long snapshotSeq = null;
        String afterKey = null;
        if (pageToken != null) {
            List<String> fields = CursorCodec.decode(PAGE, pageToken, 5);
            if (fields == null || !fields.get(0).equals(fingerprint)) {
                throw new ApiException(GoogleErrors.calendarInvalid("Invalid page token value.", "pageToken"));
            }
            sinceSeq = CursorCodec.longField(fields, 1);
            snapshotSeq = CursorCodec.longField(fields, 2);
            int epoch = (int) CursorCodec.longField(fields, 3);
            afterKey = fields.get(4);
            if (sinceSeq >= 0 && !calendar.canSyncFrom(epoch, sinceSeq)) {
                throw new ApiException(GoogleErrors.calendarFullSyncRequired());
            }
        } else if (syncToken != null) {
            sinceSeq = sinceOf(calendar, syncToken);
        }
        long since = sinceSeq;
        Predicate<CalendarEvent> filter = since >= 0
                ? event -> event.changeSeq() > since : EventFilters.fullListing(params, calendar);
        EventsPage page = calendar.page(filter, sortKey, afterKey, max);
        long snapshot = snapshotSeq != null ? snapshotSeq : page.seq();
        ObjectNode body = Json.object();
        body.put("kind", "calendar#events");
        body.put("etag", "\"" + snapshot + "\"");
        body.put("summary", calendar.summary());
        body.put("description", "");
        body.put("updated", Json.rfc3339(clock.instant()));
        body.put("timeZone", "UTC");
        body.put("accessRole", calendar.accessRole());
        body.putArray("defaultReminders").addObject().put("method", "popup").put("minutes", 10);
        if (page.nextKey() != null) {
            body.put("nextPageToken", CursorCodec.encode(PAGE, fingerprint, since, snapshot, page.epoch(),
                    page.nextKey()));
        } else {
            body.put("nextSyncToken", CursorCodec.encode(SYNC, calendar.id(), page.epoch(), snapshot,
                    clock.millis()));
        }
        ArrayNode items = body.putArray("items");
        page.items().forEach(event -> items.add(EventRenderer.event(event, calendar.accessRole())));
        return ApiResponse.ok(Json.bytes(body));
    }

    /** The change sequence a sync token continues from; 410 when it can no longer be honoured. */
    private long sinceOf(EmulatedCalendar calendar, String syncToken) {
        List<String> fields = CursorCodec.decode(SYNC, syncToken, 4);
        if (fields == null || !fields.get(0).equals(calendar.id())) {
            throw new ApiException(GoogleErrors.calendarInvalid("Invalid sync token value.", "syncToken"));
        }
        int epoch = (int) CursorCodec.longField(fields, 1);
        long seq = CursorCodec.longField(fields, 2);
        Instant issued = Instant.ofEpochMilli(CursorCodec.longField(fields, 3));
        if (issued.plus(horizon).isBefore(clock.instant()) || !calendar.canSyncFrom(epoch, seq)) {
            throw new ApiException(GoogleErrors.calendarFullSyncRequired());
        }
        return seq;
    }

    private static Function<CalendarEvent, String> sortKey(Params params) {
        String orderBy = params.text("orderBy");
        if (orderBy == null) {
            return null;
        }
        boolean singleEvents = ParamParsers.bool(params, "singleEvents", false,
                raw -> EventFilters.invalid("singleEvents", raw));
        return switch (orderBy) {
            case "startTime" -> {
                if (!singleEvents) {
                    throw new ApiException(GoogleErrors.calendarInvalid(
                            "The requested ordering is not available for the particular query.", "orderBy"));
                }
                yield event -> SortKeys.ascending(event.start().instant().toEpochMilli(), event.id());
            }
            case "updated" -> event -> SortKeys.ascending(event.updated().toEpochMilli(), event.id());
            default -> throw new ApiException(EventFilters.invalid("orderBy", orderBy));
        };
    }
}
