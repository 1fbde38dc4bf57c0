package io.syncplane.connector.contacts;

import io.syncplane.connector.SkippedItems;
import io.syncplane.connector.MalformedItemException;
import io.syncplane.connector.StorableJson;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.people.v1.model.FieldMetadata;
import com.google.api.services.people.v1.model.Name;
import com.google.api.services.people.v1.model.Organization;
import com.google.api.services.people.v1.model.Person;
import io.syncplane.store.SyncedItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Maps a People {@link Person} into a row of {@code contact}. A person flagged {@code metadata.deleted} (People sends
 * those only in sync responses, with nothing but their resource name) becomes a tombstone that keeps the last
 * known fields.
 */
final class PersonMapper {

    private static final JsonFactory JSON = GsonFactory.getDefaultInstance();
    private static final String RESOURCE_PREFIX = "people/";

    private PersonMapper() {
    }

    static SyncedItem map(Person person) throws MalformedItemException {
        String resourceName = person.getResourceName();
        if (!wellFormed(resourceName)) {
            String id = resourceName != null && !resourceName.isBlank() ? resourceName
                    : "etag " + person.getEtag();
            throw new MalformedItemException(id, resourceName == null ? "no resourceName"
                    : "resourceName is not people/<id>");
        }
        List<String> key = List.of(resourceName);
        if (person.getMetadata() != null && Boolean.TRUE.equals(person.getMetadata().getDeleted())) {
            return SyncedItem.deletedKey(key);
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        Name name = primary(person.getNames(), Name::getMetadata);
        columns.put("display_name", name == null ? null : name.getDisplayName());
        columns.put("given_name", name == null ? null : name.getGivenName());
        columns.put("family_name", name == null ? null : name.getFamilyName());
        columns.put("emails", values(person.getEmailAddresses(), email -> email.getValue()));
        columns.put("phone_numbers", values(person.getPhoneNumbers(), phone -> phone.getValue()));
        Organization organization = primary(person.getOrganizations(), Organization::getMetadata);
        columns.put("organization", organization == null ? null : organization.getName());
        String raw = json(person);
        if (StorableJson.containsNul(raw)) {
            throw new MalformedItemException(resourceName, StorableJson.NUL_REASON);
        }
        return SyncedItem.live(key, columns, raw);
    }

    private static boolean wellFormed(String resourceName) {
        return resourceName != null && resourceName.startsWith(RESOURCE_PREFIX)
                && resourceName.length() > RESOURCE_PREFIX.length();
    }

    /**
     * Maps a page; a malformed person is recorded in {@code skipped} and, when its resource name is usable, stands
     * only for its existence, so a full sync keeps its stored copy.
     */
    static List<SyncedItem> mapAll(List<Person> people, SkippedItems skipped) {
        if (people == null) {
            return List.of();
        }
        List<SyncedItem> rows = new ArrayList<>(people.size());
        for (Person person : people) {
            try {
                rows.add(map(person));
            } catch (MalformedItemException e) {
                skipped.record(e);
                if (wellFormed(person.getResourceName())) {
                    rows.add(SyncedItem.unreadable(List.of(person.getResourceName())));
                }
            }
        }
        return rows;
    }

    /** The entry Google marks primary, else the first: what a person's "name" or "organization" means in the UI. */
    private static <T> T primary(List<T> entries, Function<T, FieldMetadata> metadata) {
        if (entries == null || entries.isEmpty()) {
            return null;
        }
        return entries.stream()
                .filter(entry -> metadata.apply(entry) != null
                        && Boolean.TRUE.equals(metadata.apply(entry).getPrimary()))
                .findFirst().orElse(entries.get(0));
    }

    private static <T> List<String> values(List<T> entries, Function<T, String> value) {
        if (entries == null) {
            return List.of();
        }
        return entries.stream().map(value).filter(Objects::nonNull).filter(v -> !v.isBlank()).toList();
    }

    private static String json(Person person) {
        try {
            return JSON.toString(person);
        } catch (IOException e) {
            throw new UncheckedIOException("serialising a parsed Person cannot fail", e);
        }
    }
}
