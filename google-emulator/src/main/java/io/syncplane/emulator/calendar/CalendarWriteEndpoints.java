package io.syncplane.emulator.calendar;

import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.RouteTable;
import io.syncplane.emulator.oauth.Scopes;
import io.syncplane.emulator.store.StaleEtagException;

import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Calendar v3 event writes: events.insert, patch, update and delete. They change the calendar through the same
 * {@link EmulatedCalendar} operations as the admin API (so etag, {@code updated}, sequence and the change sequence
 * sync tokens read move the same way) and then tell the channels, as admin mutations do. An instance id of a series
 * ({@code <seriesId>_<yyyyMMddTHHmmssZ>}) that is not an exception yet becomes one (patch, update) or a cancelled
 * occurrence (delete).
 */
public final class CalendarWriteEndpoints {

    private static final String EVENTS = "calendar/v3/calendars/{}/events";

    private final CalendarNotifier notifier;

    public CalendarWriteEndpoints(CalendarNotifier notifier) {
        this.notifier = notifier;
    }

    public void register(RouteTable routes) {
        routes.write("POST", EVENTS, Api.CALENDAR, 1, Scopes.CALENDAR_WRITE, this::insert);
        routes.write("PATCH", EVENTS + "/{}", Api.CALENDAR, 1, Scopes.CALENDAR_WRITE,
                call -> change(call, body -> body.patch()));
        routes.write("PUT", EVENTS + "/{}", Api.CALENDAR, 1, Scopes.CALENDAR_WRITE,
                call -> change(call, body -> body.replacement()));
        routes.write("DELETE", EVENTS + "/{}", Api.CALENDAR, 1, Scopes.CALENDAR_WRITE, this::delete);
    }

    private ApiResponse insert(Call call) {
        EmulatedCalendar calendar = writable(call);
        EventJson body = new EventJson(Json.parseObject(call.request()));
        String clientId = body.clientId();
        NewEvent draft = guarded(body::newEvent);
        CalendarEvent event;
        if (clientId == null) {
            event = calendar.add(draft);
        } else {
            event = calendar.add(draft, clientId);
            if (event == null) {
                throw new ApiException(GoogleErrors.calendarDuplicate());
            }
        }
        return written(call, calendar, event);
    }

    private ApiResponse change(Call call, java.util.function.Function<EventJson, EventChange> read) {
        EmulatedCalendar calendar = writable(call);
        String eventId = call.var(1);
        EventChange change = read.apply(new EventJson(Json.parseObject(call.request())));
        CalendarEvent stored = calendar.event(eventId);
        CalendarEvent event;
        if (stored == null) {
            Occurrence occurrence = occurrence(calendar, eventId);
            event = guarded(() -> calendar.changeInstance(occurrence.seriesId(), occurrence.originalStart(),
                    change));
        } else {
            event = guarded(() -> calendar.update(eventId, change, call.request().ifMatch()));
        }
        return written(call, calendar, event);
    }

    private ApiResponse delete(Call call) {
        EmulatedCalendar calendar = writable(call);
        String eventId = call.var(1);
        CalendarEvent stored = calendar.event(eventId);
        if (stored == null) {
            Occurrence occurrence = occurrence(calendar, eventId);
            guarded(() -> calendar.cancelInstance(occurrence.seriesId(), occurrence.originalStart()));
        } else {
            if (stored.cancelled()) {
                throw new ApiException(GoogleErrors.calendarDeleted());
            }
            guarded(() -> calendar.cancel(eventId, call.request().ifMatch()));
        }
        notifier.calendarChanged(call.user().email(), calendar.id());
        return ApiResponse.noContent();
    }

    /** The calendar of the path, if the user may write to it: 404 unknown, 403 for a reader or freeBusyReader. */
    private static EmulatedCalendar writable(Call call) {
        EmulatedCalendar calendar = CalendarEndpoints.calendar(call);
        if (AccessRole.rank(calendar.accessRole()) < AccessRole.rank(AccessRole.WRITER)) {
            throw new ApiException(GoogleErrors.calendarRequiredAccessLevel());
        }
        return calendar;
    }

    private ApiResponse written(Call call, EmulatedCalendar calendar, CalendarEvent event) {
        notifier.calendarChanged(call.user().email(), calendar.id());
        return ApiResponse.ok(Json.bytes(EventRenderer.event(event, calendar.accessRole())));
    }

    private record Occurrence(String seriesId, EventTime originalStart) {
    }

    /** An id that names an occurrence of a live series in this calendar; 404 otherwise. */
    private static Occurrence occurrence(EmulatedCalendar calendar, String eventId) {
        int underscore = eventId.lastIndexOf('_');
        if (underscore > 0) {
            String seriesId = eventId.substring(0, underscore);
            CalendarEvent series = calendar.event(seriesId);
            EventTime start = Recurrence.originalStartOf(seriesId, eventId);
            if (series != null && series.series() && !series.cancelled() && start != null) {
                return new Occurrence(seriesId, start);
            }
        }
        throw new ApiException(GoogleErrors.calendarNotFound());
    }

    /** Runs a store operation, turning its refusals into Calendar's answers. */
    private static <T> T guarded(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (StaleEtagException e) {
            throw new ApiException(GoogleErrors.conditionNotMet(false));
        } catch (NoSuchElementException e) {
            // gone between the lookup and the write (deleted concurrently), or an occurrence the rule does not have
            throw new ApiException(GoogleErrors.calendarNotFound());
        } catch (IllegalArgumentException e) {
            throw new ApiException(GoogleErrors.calendarInvalid(e.getMessage(), null));
        }
    }
}
