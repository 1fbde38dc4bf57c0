package io.syncplane.emulator.people;

import java.util.List;

/**
 * A contact's writable content: what the admin API and createContact create, and what updateContact replaces.
 *
 * @param clientData the Person's {@code clientData} entries (an empty list when none)
 */
public record NewContact(String givenName, String familyName, String email, String phone, String organization,
                         List<ClientDatum> clientData) {

    public NewContact {
        clientData = clientData == null ? List.of() : List.copyOf(clientData);
    }

    public NewContact(String givenName, String familyName, String email, String phone, String organization) {
        this(givenName, familyName, email, phone, organization, List.of());
    }

    public static NewContact of(String givenName, String familyName, String email) {
        return new NewContact(givenName, familyName, email, null, null);
    }
}
