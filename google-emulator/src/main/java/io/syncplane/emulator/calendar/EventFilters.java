package io.syncplane.emulator.calendar;

import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.GoogleError;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.ParamParsers;
import io.syncplane.emulator.http.Params;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The filters of a full events.list (without syncToken), and the parameters Google forbids next to a syncToken. */
final class EventFilters {

    /** Parameters Google rejects together with syncToken. */
    static final List<String> FORBIDDEN_WITH_SYNC_TOKEN = List.of("iCalUID", "orderBy", "privateExtendedProperty",
            "q", "sharedExtendedProperty", "timeMin", "timeMax", "updatedMin");

    private EventFilters() {
    }

    static void rejectForbiddenWithSyncToken(Params params) {
        for (String name : FORBIDDEN_WITH_SYNC_TOKEN) {
            if (params.has(name)) {
                throw new ApiException(GoogleErrors.calendarInvalid(
                        "Sync token cannot be used together with the '" + name + "' parameter.", name));
            }
        }
    }

    /** Which events a listing without a sync token returns; cancelled ones as {@link EmulatedCalendar#listed}. */
    static Predicate<CalendarEvent> fullListing(Params params, EmulatedCalendar calendar) {
        boolean showDeleted = ParamParsers.bool(params, "showDeleted", false, raw -> invalid("showDeleted", raw));
        boolean singleEvents = ParamParsers.bool(params, "singleEvents", false,
                raw -> invalid("singleEvents", raw));
        Instant timeMin = ParamParsers.rfc3339(params, "timeMin", raw -> invalid("timeMin", raw));
        Instant timeMax = ParamParsers.rfc3339(params, "timeMax", raw -> invalid("timeMax", raw));
        Instant updatedMin = ParamParsers.rfc3339(params, "updatedMin", raw -> invalid("updatedMin", raw));
        String q = params.text("q");
        String iCalUid = params.text("iCalUID");
        return event -> {
            if (updatedMin == null && !calendar.listed(event, showDeleted, singleEvents)) {
                return false;
            }
            if (updatedMin != null && event.updated().isBefore(updatedMin)) {
                return false;
            }
            if (timeMin != null && !event.end().instant().isAfter(timeMin)) {
                return false;
            }
            if (timeMax != null && !event.start().instant().isBefore(timeMax)) {
                return false;
            }
            if (iCalUid != null && !iCalUid.equals(event.iCalUid())) {
                return false;
            }
            return q == null || matches(event, q);
        };
    }

    /** A fingerprint of everything but the page token and size: page tokens only continue the same query. */
    static String fingerprint(Params params) {
        StringBuilder out = new StringBuilder();
        for (String name : new TreeSet<>(params.names())) {
            if (!name.equals("pageToken") && !name.equals("maxResults") && !name.equals("syncToken")) {
                out.append(name).append('=').append(params.all(name)).append('&');
            }
        }
        return Integer.toHexString(out.toString().hashCode());
    }

    static GoogleError invalid(String parameter, String value) {
        return GoogleErrors.calendarInvalid("Invalid value for " + parameter + ": " + value, parameter);
    }

    private static boolean matches(CalendarEvent event, String q) {
        String needle = q.toLowerCase(Locale.ROOT);
        return contains(event.summary(), needle) || contains(event.description(), needle)
                || contains(event.location(), needle);
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }
}
