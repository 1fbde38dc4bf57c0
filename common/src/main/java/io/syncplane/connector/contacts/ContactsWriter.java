package io.syncplane.connector.contacts;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.people.v1.PeopleService;
import com.google.api.services.people.v1.model.ClientData;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import com.google.api.services.people.v1.model.Person;
import com.google.api.services.people.v1.model.PersonMetadata;
import io.syncplane.connector.MalformedItemException;
import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.google.GoogleErrors;
import io.syncplane.limits.RequestScope;
import io.syncplane.store.SyncedItem;
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
 * Contacts through People: createContact, updateContact (with the stored person's etag, updating exactly the
 * top-level fields given), deleteContact. People takes no client ids, so a create carries a marker in
 * {@code clientData} (key {@value #MARKER}, value the operation id): an attempt that may have landed is recognised by
 * finding that marker among the user's contacts, read fresh from People. People signals a stale etag with 400
 * FAILED_PRECONDITION, where Calendar and Tasks use 412.
 */
public final class ContactsWriter implements OutboundWriter {

    static final String MARKER = "syncplane-operation";

    private final GoogleClients clients;

    public ContactsWriter(GoogleClients clients) {
        this.clients = clients;
    }

    @Override
    public Source source() {
        return Source.CONTACTS;
    }

    @Override
    public GoogleCopy send(OutboundOperation operation, Optional<StoredRow> stored, String version)
            throws IOException {
        PeopleService.People people = people(operation).people();
        return switch (operation.kind()) {
            case CREATE -> {
                Person person = ResourceJson.parse(operation.fields(), Person.class)
                        .setClientData(List.of(new ClientData().setKey(MARKER)
                                .setValue(Long.toString(operation.id()))));
                yield copy(people.createContact(person).setPersonFields(PeopleConnectionsReader.PERSON_FIELDS)
                        .execute());
            }
            case UPDATE -> {
                Person person = ResourceJson.parse(operation.fields(), Person.class).setEtag(version);
                // updateContact wants the person's sources with their etags as read (People checks those): the
                // stored copy's, or after a conflict Google's current one's
                stored.filter(row -> row.raw() != null)
                        .map(row -> ResourceJson.parse(row.raw(), Person.class).getMetadata())
                        .map(PersonMetadata::getSources)
                        .ifPresent(sources -> person.setMetadata(new PersonMetadata().setSources(sources)));
                yield copy(people.updateContact(operation.itemId(), person)
                        .setUpdatePersonFields(String.join(",", operation.fields().keySet()))
                        .setPersonFields(PeopleConnectionsReader.PERSON_FIELDS).execute());
            }
            case DELETE -> {
                people.deleteContact(operation.itemId()).execute();
                yield GoogleCopy.gone(List.of(operation.itemId()));
            }
        };
    }

    @Override
    public Optional<GoogleCopy> landed(OutboundOperation operation, Optional<StoredRow> stored) throws IOException {
        if (operation.kind() == OperationKind.CREATE) {
            return marked(operation);
        }
        if (operation.kind() == OperationKind.UPDATE) {
            return current(operation).filter(copy -> !copy.isGone() && FieldsMatch.contains(
                    ResourceJson.map(ResourceJson.parse(copy.item().rawJson(), Person.class)), operation.fields()));
        }
        return Optional.empty(); // a resent delete of a contact already deleted answers 404: applied
    }

    @Override
    public Optional<GoogleCopy> current(OutboundOperation operation) throws IOException {
        try {
            return Optional.of(copy(people(operation).people().get(operation.itemId())
                    .setPersonFields(PeopleConnectionsReader.PERSON_FIELDS).execute()));
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 404 || e.getStatusCode() == 410) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean isStaleVersion(GoogleJsonResponseException e) {
        if (e.getStatusCode() != 400 || e.getDetails() == null) {
            return false;
        }
        return "FAILED_PRECONDITION".equals(e.getDetails().get("status"))
                || GoogleErrors.reason(e).filter(r -> r.equalsIgnoreCase("failedPrecondition")
                        || r.equals("FAILED_PRECONDITION")).isPresent();
    }

    @Override
    public String versionOf(StoredRow stored) {
        return ResourceJson.field(stored.raw(), "etag");
    }

    /** The contact an earlier attempt of this create made, found by its marker in a fresh read of every contact. */
    private Optional<GoogleCopy> marked(OutboundOperation operation) throws IOException {
        String marker = Long.toString(operation.id());
        String pageToken = null;
        do {
            ListConnectionsResponse page = people(operation).people().connections().list("people/me")
                    .setPersonFields(PeopleConnectionsReader.PERSON_FIELDS + ",clientData").setPageSize(1000)
                    .setPageToken(pageToken).execute();
            if (page.getConnections() != null) {
                for (Person person : page.getConnections()) {
                    if (person.getClientData() != null && person.getClientData().stream()
                            .anyMatch(d -> MARKER.equals(d.getKey()) && marker.equals(d.getValue()))) {
                        // stored in the shape the sync reads, so the sync's copy is its echo
                        person.setClientData(null);
                        return Optional.of(copy(person));
                    }
                }
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        return Optional.empty();
    }

    private PeopleService people(OutboundOperation operation) {
        return clients.people(RequestScope.upkeep(operation.connectionId(), Source.CONTACTS));
    }

    private static GoogleCopy copy(Person person) {
        try {
            SyncedItem item = PersonMapper.map(person);
            return new GoogleCopy(item, item.deleted() ? null : person.getEtag(), updated(person));
        } catch (MalformedItemException e) {
            throw new IllegalStateException("People answered with a contact Syncplane cannot store: "
                    + e.getMessage(), e);
        }
    }

    /** People's modification time of a contact: its first source's updateTime. */
    private static Instant updated(Person person) {
        if (person.getMetadata() == null || person.getMetadata().getSources() == null
                || person.getMetadata().getSources().isEmpty()
                || person.getMetadata().getSources().get(0).getUpdateTime() == null) {
            return null;
        }
        return Instant.parse(person.getMetadata().getSources().get(0).getUpdateTime());
    }
}
