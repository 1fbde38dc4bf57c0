package io.syncplane.emulator.calendar;

import io.syncplane.emulator.http.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Calendar's JSON for events. */
final class EventRenderer {

    private EventRenderer() {
    }

    static ObjectNode event(CalendarEvent event) {
        return event(event, AccessRole.OWNER);
    }

    /** The event as a user with {@code accessRole} on its calendar sees it: a freeBusyReader only sees busy times. */
    static ObjectNode event(CalendarEvent event, String accessRole) {
        ObjectNode node = Json.object();
        node.put("kind", "calendar#event");
        node.put("etag", event.etag());
        node.put("id", event.id());
        node.put("status", event.status());
        if (event.cancelled()) {
            // Google guarantees only the id for deleted events; send what a sync response typically carries. A
            // cancelled occurrence of a series also names the series and the occurrence.
            node.put("updated", Json.rfc3339(event.updated()));
            exceptionFields(node, event);
            return node;
        }
        if (!AccessRole.readsDetails(accessRole)) {
            node.put("updated", Json.rfc3339(event.updated()));
            node.set("start", time(event.start()));
            node.set("end", time(event.end()));
            node.put("transparency", "opaque");
            exceptionFields(node, event);
            return node;
        }
        node.put("htmlLink", "https://www.google.com/calendar/event?eid=" + event.id());
        node.put("created", Json.rfc3339(event.created()));
        node.put("updated", Json.rfc3339(event.updated()));
        node.put("summary", event.summary());
        if (event.description() != null) {
            node.put("description", event.description());
        }
        if (event.location() != null) {
            node.put("location", event.location());
        }
        node.putObject("creator").put("email", event.organizer()).put("self", true);
        node.putObject("organizer").put("email", event.organizer()).put("self", true);
        node.set("start", time(event.start()));
        node.set("end", time(event.end()));
        if (event.series()) {
            ArrayNode recurrence = node.putArray("recurrence");
            event.recurrence().forEach(recurrence::add);
        }
        exceptionFields(node, event);
        node.put("iCalUID", event.iCalUid());
        node.put("sequence", event.sequence());
        node.putObject("reminders").put("useDefault", true);
        node.put("eventType", "default");
        return node;
    }

    private static void exceptionFields(ObjectNode node, CalendarEvent event) {
        if (event.exception()) {
            node.put("recurringEventId", event.recurringEventId());
            node.set("originalStartTime", time(event.originalStart()));
        }
    }

    private static ObjectNode time(EventTime time) {
        ObjectNode node = Json.object();
        if (time.date() != null) {
            node.put("date", time.date().toString());
        } else {
            node.put("dateTime", Json.rfc3339(time.dateTime()));
            node.put("timeZone", "UTC");
        }
        return node;
    }
}
