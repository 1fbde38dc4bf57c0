package io.syncplane.emulator.people;

/** A contact to create through the admin API. */
public record NewContact(String givenName, String familyName, String email, String phone, String organization) {

    public static NewContact of(String givenName, String familyName, String email) {
        return new NewContact(givenName, familyName, email, null, null);
    }
}
