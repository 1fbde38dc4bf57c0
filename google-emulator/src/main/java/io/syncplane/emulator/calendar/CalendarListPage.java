package io.syncplane.emulator.calendar;

import io.syncplane.emulator.cursor.CursorCodec;
import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.ParamParsers;
import io.syncplane.emulator.http.Params;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.List;

/**
 * calendarList.list: the user's calendar list in list order, paged (maxResults up to 250, default 100), filtered by
 * minAccessRole and showDeleted, or the entries changed since a sync token. As Google documents, a sync-token listing
 * always includes removed and hidden entries (so showDeleted/showHidden false and minAccessRole are rejected with
 * it), and the sync token comes only on the last page.
 */
final class CalendarListPage {

    private static final String SYNC = "LS";
    private static final String PAGE = "LP";

    private CalendarListPage() {
    }

    static ObjectNode render(CalendarBook book, Params params, Clock clock) {
        int max = ParamParsers.pageSize(params, "maxResults", 100, 1, 250,
                raw -> EventFilters.invalid("maxResults", raw));
        boolean showDeleted = ParamParsers.bool(params, "showDeleted", false,
                raw -> EventFilters.invalid("showDeleted", raw));
        String minAccessRole = params.text("minAccessRole");
        if (minAccessRole != null && AccessRole.rank(minAccessRole) < 0) {
            throw new ApiException(EventFilters.invalid("minAccessRole", minAccessRole));
        }
        String syncToken = params.text("syncToken");
        String pageToken = params.text("pageToken");
        if (syncToken != null) {
            if (minAccessRole != null) {
                throw new ApiException(GoogleErrors.calendarInvalid(
                        "The minAccessRole parameter cannot be used together with syncToken.", "minAccessRole"));
            }
            for (String name : List.of("showDeleted", "showHidden")) {
                if (params.has(name) && !ParamParsers.bool(params, name, true, raw -> EventFilters.invalid(name,
                        raw))) {
                    throw new ApiException(GoogleErrors.calendarInvalid(
                            name + " cannot be false together with syncToken.", name));
                }
            }
        }
        String fingerprint = EventFilters.fingerprint(params);
        long since = -1;
        int from = 0;
        if (pageToken != null) {
            List<String> fields = CursorCodec.decode(PAGE, pageToken, 4);
            if (fields == null || !fields.get(0).equals(fingerprint)) {
                throw new ApiException(GoogleErrors.calendarInvalid("Invalid page token value.", "pageToken"));
            }
            since = CursorCodec.longField(fields, 1);
            if (since >= 0 && CursorCodec.longField(fields, 2) != book.listEpoch()) {
                throw new ApiException(GoogleErrors.calendarFullSyncRequired());
            }
            from = (int) CursorCodec.longField(fields, 3);
        } else if (syncToken != null) {
            since = sinceOf(book, syncToken);
        }
        long seq;
        List<EmulatedCalendar> entries;
        synchronized (book) {
            seq = book.listSeq();
            entries = book.entries();
        }
        ObjectNode body = Json.object();
        body.put("kind", "calendar#calendarList");
        body.put("etag", "\"" + seq + "\"");
        ArrayNode items = body.putArray("items");
        int index = from;
        int taken = 0;
        for (; index < entries.size() && taken < max; index++) {
            EmulatedCalendar calendar = entries.get(index);
            boolean include = since >= 0 ? calendar.listSeq() > since
                    : (showDeleted || !calendar.removed())
                    && (minAccessRole == null || AccessRole.rank(calendar.accessRole())
                    >= AccessRole.rank(minAccessRole));
            if (include) {
                items.add(entry(calendar, book.primaryId()));
                taken++;
            }
        }
        if (index < entries.size()) {
            body.put("nextPageToken", CursorCodec.encode(PAGE, fingerprint, since, book.listEpoch(), index));
        } else {
            body.put("nextSyncToken", CursorCodec.encode(SYNC, book.listEpoch(), seq, clock.millis()));
        }
        return body;
    }

    static ObjectNode entry(EmulatedCalendar calendar, String primaryId) {
        ObjectNode item = Json.object();
        item.put("kind", "calendar#calendarListEntry");
        item.put("etag", "\"" + calendar.listSeq() + "\"");
        item.put("id", calendar.id());
        if (calendar.removed()) {
            item.put("deleted", true);
            return item;
        }
        item.put("summary", calendar.summary());
        item.put("timeZone", "UTC");
        item.put("colorId", "14");
        item.put("backgroundColor", "#9fe1e7");
        item.put("foregroundColor", "#000000");
        item.put("selected", true);
        item.put("accessRole", calendar.accessRole());
        ArrayNode reminders = item.putArray("defaultReminders");
        if (calendar.id().equals(primaryId)) {
            reminders.addObject().put("method", "popup").put("minutes", 10);
            item.put("primary", true);
        }
        return item;
    }

    private static long sinceOf(CalendarBook book, String syncToken) {
        List<String> fields = CursorCodec.decode(SYNC, syncToken, 3);
        if (fields == null) {
            throw new ApiException(GoogleErrors.calendarInvalid("Invalid sync token value.", "syncToken"));
        }
        if (CursorCodec.longField(fields, 0) != book.listEpoch()) {
            throw new ApiException(GoogleErrors.calendarFullSyncRequired());
        }
        return CursorCodec.longField(fields, 1);
    }
}
