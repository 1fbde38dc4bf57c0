package io.syncplane.emulator.people;

import io.syncplane.emulator.http.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Set;

/** People's JSON for a person, limited to the requested personFields. */
final class PersonRenderer {

    private PersonRenderer() {
    }

    static ObjectNode person(Contact contact, Set<String> fields) {
        ObjectNode node = Json.object();
        node.put("resourceName", contact.resourceName());
        node.put("etag", contact.etag());
        if (contact.deleted()) {
            ObjectNode metadata = node.putObject("metadata");
            metadata.set("sources", sources(contact));
            metadata.put("deleted", true);
            return node;
        }
        if (fields.contains("metadata")) {
            ObjectNode metadata = node.putObject("metadata");
            metadata.set("sources", sources(contact));
            metadata.put("objectType", "PERSON");
        }
        if (fields.contains("names")) {
            ObjectNode name = node.putArray("names").addObject();
            name.set("metadata", fieldMetadata(contact));
            name.put("displayName", contact.displayName());
            if (contact.familyName() != null) {
                name.put("familyName", contact.familyName());
            }
            if (contact.givenName() != null) {
                name.put("givenName", contact.givenName());
            }
            name.put("displayNameLastFirst", (contact.familyName() == null ? "" : contact.familyName() + ", ")
                    + (contact.givenName() == null ? "" : contact.givenName()));
            name.put("unstructuredName", contact.displayName());
        }
        if (fields.contains("emailAddresses") && contact.email() != null) {
            ObjectNode email = node.putArray("emailAddresses").addObject();
            email.set("metadata", fieldMetadata(contact));
            email.put("value", contact.email());
            email.put("type", "work");
            email.put("formattedType", "Work");
        }
        if (fields.contains("phoneNumbers") && contact.phone() != null) {
            ObjectNode phone = node.putArray("phoneNumbers").addObject();
            phone.set("metadata", fieldMetadata(contact));
            phone.put("value", contact.phone());
            phone.put("canonicalForm", contact.phone().replaceAll("[^+0-9]", ""));
            phone.put("type", "mobile");
            phone.put("formattedType", "Mobile");
        }
        if (fields.contains("organizations") && contact.organization() != null) {
            ObjectNode organization = node.putArray("organizations").addObject();
            organization.set("metadata", fieldMetadata(contact));
            organization.put("name", contact.organization());
        }
        if (fields.contains("clientData") && !contact.clientData().isEmpty()) {
            ArrayNode clientData = node.putArray("clientData");
            for (ClientDatum datum : contact.clientData()) {
                ObjectNode entry = clientData.addObject();
                entry.set("metadata", fieldMetadata(contact));
                entry.put("key", datum.key());
                entry.put("value", datum.value());
            }
        }
        return node;
    }

    private static ArrayNode sources(Contact contact) {
        ArrayNode sources = Json.array();
        ObjectNode source = sources.addObject();
        source.put("type", "CONTACT");
        source.put("id", contact.sourceId());
        source.put("etag", contact.sourceEtag());
        source.put("updateTime", Json.rfc3339(contact.updated()));
        return sources;
    }

    private static ObjectNode fieldMetadata(Contact contact) {
        ObjectNode metadata = Json.object();
        metadata.put("primary", true);
        metadata.putObject("source").put("type", "CONTACT").put("id", contact.sourceId());
        return metadata;
    }
}
