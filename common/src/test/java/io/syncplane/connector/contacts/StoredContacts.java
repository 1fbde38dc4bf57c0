package io.syncplane.connector.contacts;

import io.syncplane.connector.ConnectorHarness;
import io.syncplane.emulator.people.Contact;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Reads our copy of one connection's contacts, and the emulator's truth in the same shape. */
final class StoredContacts {

    private final ConnectorHarness harness;
    private final ConnectorHarness.Linked linked;

    StoredContacts(ConnectorHarness harness, ConnectorHarness.Linked linked) {
        this.harness = harness;
        this.linked = linked;
    }

    Map<String, ContactRow> live() {
        Map<String, ContactRow> rows = new TreeMap<>();
        harness.ledger.jdbc.sql("SELECT resource_name, display_name, given_name, family_name, emails FROM contact"
                        + " WHERE connection_id = ? AND deleted_at IS NULL")
                .param(linked.connectionId())
                .query(rs -> {
                    rows.put(rs.getString("resource_name"), new ContactRow(rs.getString("display_name"),
                            rs.getString("given_name"), rs.getString("family_name"), strings(rs.getArray("emails"))));
                });
        return rows;
    }

    Set<String> tombstoned() {
        return new TreeSet<>(harness.ledger.jdbc.sql("SELECT resource_name FROM contact"
                        + " WHERE connection_id = ? AND deleted_at IS NOT NULL")
                .param(linked.connectionId()).query(String.class).list());
    }

    /** A tombstone keeps the last fields we had: People sends a deleted contact with nothing but its name. */
    ContactRow tombstone(String resourceName) {
        return harness.ledger.jdbc.sql("SELECT display_name, given_name, family_name, emails FROM contact"
                        + " WHERE connection_id = ? AND resource_name = ? AND deleted_at IS NOT NULL")
                .params(linked.connectionId(), resourceName)
                .query((rs, row) -> new ContactRow(rs.getString("display_name"), rs.getString("given_name"),
                        rs.getString("family_name"), strings(rs.getArray("emails"))))
                .single();
    }

    Map<String, ContactRow> groundTruth() {
        return harness.emulator.admin().groundTruth(linked.email()).contacts().stream()
                .collect(Collectors.toMap(Contact::resourceName, ContactRow::of, (a, b) -> a, TreeMap::new));
    }

    List<Contact> contactsAtGoogle() {
        return harness.emulator.admin().groundTruth(linked.email()).contacts();
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
