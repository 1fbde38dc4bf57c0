package io.syncplane.emulator.people;

/** Changes to a contact; null members stay as they are. */
public record ContactChange(String givenName, String familyName, String email, String phone, String organization) {

    public static ContactChange email(String email) {
        return new ContactChange(null, null, email, null, null);
    }

    NewContact applyTo(NewContact content) {
        return new NewContact(givenName != null ? givenName : content.givenName(),
                familyName != null ? familyName : content.familyName(), email != null ? email : content.email(),
                phone != null ? phone : content.phone(),
                organization != null ? organization : content.organization(), content.clientData());
    }
}
