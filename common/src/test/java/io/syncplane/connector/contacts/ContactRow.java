package io.syncplane.connector.contacts;

import io.syncplane.emulator.people.Contact;
import java.util.List;

/** The fields of a contact the tests compare between our copy and the emulator's ground truth. */
record ContactRow(String displayName, String givenName, String familyName, List<String> emails) {

    static ContactRow of(Contact contact) {
        return new ContactRow(contact.displayName(), contact.givenName(), contact.familyName(),
                contact.email() == null ? List.of() : List.of(contact.email()));
    }
}
