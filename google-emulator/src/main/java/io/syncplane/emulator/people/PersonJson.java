package io.syncplane.emulator.people;

import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.GoogleErrors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the Person of a createContact or updateContact body into a contact's content: the first name, email address,
 * phone number and organization (the emulator stores one of each), and every clientData entry.
 */
final class PersonJson {

    private final ObjectNode body;

    PersonJson(ObjectNode body) {
        this.body = body;
    }

    NewContact content() {
        return new NewContact(first("names", "givenName"), first("names", "familyName"),
                first("emailAddresses", "value"), first("phoneNumbers", "value"), first("organizations", "name"),
                clientData());
    }

    /** updateContact: the masked fields come from the body (absent = cleared), the others stay as they are. */
    NewContact replaceMasked(NewContact current, Set<String> mask) {
        NewContact given = content();
        boolean names = mask.contains("names");
        return new NewContact(names ? given.givenName() : current.givenName(),
                names ? given.familyName() : current.familyName(),
                mask.contains("emailAddresses") ? given.email() : current.email(),
                mask.contains("phoneNumbers") ? given.phone() : current.phone(),
                mask.contains("organizations") ? given.organization() : current.organization(),
                mask.contains("clientData") ? given.clientData() : current.clientData());
    }

    /** The etag the request names: the person's, else its first source's; null when neither is sent. */
    String etag() {
        String etag = text(body, "etag");
        if (etag != null) {
            return etag;
        }
        JsonNode sources = body.path("metadata").path("sources");
        return sources.isArray() && !sources.isEmpty() ? text(sources.get(0), "etag") : null;
    }

    private String first(String field, String member) {
        JsonNode array = body.get(field);
        if (array == null || array.isNull()) {
            return null;
        }
        if (!array.isArray()) {
            throw new ApiException(GoogleErrors.peopleInvalidArgument("Invalid value at 'person." + field + "'"));
        }
        return array.isEmpty() ? null : text(array.get(0), member);
    }

    private List<ClientDatum> clientData() {
        JsonNode array = body.get("clientData");
        List<ClientDatum> out = new ArrayList<>();
        if (array == null || array.isNull()) {
            return out;
        }
        if (!array.isArray()) {
            throw new ApiException(GoogleErrors.peopleInvalidArgument("Invalid value at 'person.client_data'"));
        }
        for (JsonNode entry : array) {
            out.add(new ClientDatum(text(entry, "key"), text(entry, "value")));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
