package io.syncplane.connector.calendar;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import io.syncplane.connector.MalformedItemException;
import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.limits.RequestScope;
import io.syncplane.writeback.FieldsMatch;
import io.syncplane.writeback.GoogleCopy;
import io.syncplane.writeback.OperationKind;
import io.syncplane.writeback.OutboundOperation;
import io.syncplane.writeback.OutboundWriter;
import io.syncplane.writeback.ResourceJson;
import io.syncplane.writeback.StoredRow;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Calendar events: insert, patch, delete. A create carries the event id Syncplane chose (Calendar accepts client
 * ids), so an attempt that may have landed is found by reading that id, and a resent insert that did land answers 409
 * duplicate instead of making a second event. Patches and deletes carry the stored etag as If-Match: Calendar
 * answers 412 when its copy changed, which is a conflict.
 */
public final class CalendarWriter implements OutboundWriter {

    private final GoogleClients clients;

    public CalendarWriter(GoogleClients clients) {
        this.clients = clients;
    }

    @Override
    public Source source() {
        return Source.CALENDAR;
    }

    @Override
    public GoogleCopy send(OutboundOperation operation, Optional<StoredRow> stored, String version)
            throws IOException {
        Calendar.Events events = calendar(operation).events();
        String calendarId = operation.containerId();
        return switch (operation.kind()) {
            case CREATE -> {
                Event event = ResourceJson.parse(operation.fields(), Event.class).setId(operation.itemId());
                try {
                    yield copy(calendarId, events.insert(calendarId, event).execute());
                } catch (GoogleJsonResponseException e) {
                    // our id taken: an earlier attempt of this very operation landed (ids are ours, per operation)
                    if (e.getStatusCode() == 409) {
                        Optional<GoogleCopy> existing = current(operation);
                        if (existing.isPresent()) {
                            yield existing.get();
                        }
                    }
                    throw e;
                }
            }
            case UPDATE -> {
                Calendar.Events.Patch patch = events.patch(calendarId, operation.itemId(),
                        ResourceJson.parse(operation.fields(), Event.class));
                if (version != null) {
                    patch.getRequestHeaders().setIfMatch(version);
                }
                yield copy(calendarId, patch.execute());
            }
            case DELETE -> {
                Calendar.Events.Delete delete = events.delete(calendarId, operation.itemId());
                if (version != null) {
                    delete.getRequestHeaders().setIfMatch(version);
                }
                delete.execute();
                yield GoogleCopy.gone(List.of(calendarId, operation.itemId()));
            }
        };
    }

    @Override
    public Optional<GoogleCopy> landed(OutboundOperation operation, Optional<StoredRow> stored) throws IOException {
        if (operation.kind() == OperationKind.CREATE) {
            return current(operation).filter(copy -> !copy.isGone());
        }
        if (operation.kind() == OperationKind.UPDATE) {
            return current(operation).filter(copy -> !copy.isGone() && FieldsMatch.contains(
                    ResourceJson.map(ResourceJson.parse(copy.item().rawJson(), Event.class)), operation.fields()));
        }
        return Optional.empty(); // a resent delete answers 410 when the first one landed: applied
    }

    @Override
    public Optional<GoogleCopy> current(OutboundOperation operation) throws IOException {
        try {
            Event event = calendar(operation).events().get(operation.containerId(), operation.itemId()).execute();
            return Optional.of(copy(operation.containerId(), event));
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 404 || e.getStatusCode() == 410) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean isStaleVersion(GoogleJsonResponseException e) {
        return e.getStatusCode() == 412;
    }

    @Override
    public String versionOf(StoredRow stored) {
        return ResourceJson.field(stored.raw(), "etag");
    }

    private Calendar calendar(OutboundOperation operation) {
        // writes are as urgent as incremental work: the per-user budget weighs them so
        return clients.calendar(RequestScope.upkeep(operation.connectionId(), Source.CALENDAR));
    }

    private static GoogleCopy copy(String calendarId, Event event) {
        try {
            Instant updated = event.getUpdated() == null ? null : Instant.ofEpochMilli(event.getUpdated().getValue());
            return new GoogleCopy(CalendarEventMapper.toItem(calendarId, event), event.getEtag(), updated);
        } catch (MalformedItemException e) {
            throw new IllegalStateException("Calendar answered with an event Syncplane cannot store: "
                    + e.getMessage(), e);
        }
    }
}
