package io.syncplane.emulator.people;

import java.time.Instant;
import java.util.List;

/**
 * One contact as stored; a deleted contact stays as a tombstone for sync responses.
 *
 * @param changeSeq  the book's change sequence at this contact's last change
 * @param clientData the Person's {@code clientData} entries
 */
public record Contact(String resourceName, String givenName, String familyName, String email, String phone,
                      String organization, Instant updated, long changeSeq, boolean deleted,
                      List<ClientDatum> clientData) {

    public Contact {
        clientData = clientData == null ? List.of() : List.copyOf(clientData);
    }

    public Contact(String resourceName, String givenName, String familyName, String email, String phone,
                   String organization, Instant updated, long changeSeq, boolean deleted) {
        this(resourceName, givenName, familyName, email, phone, organization, updated, changeSeq, deleted, null);
    }

    /** The writable content, as updateContact starts from it. */
    public NewContact content() {
        return new NewContact(givenName, familyName, email, phone, organization, clientData);
    }

    /** The etag as {@code metadata.sources[].etag} carries it (same value, {@code #} instead of {@code %}). */
    public String sourceEtag() {
        return "#" + etag().substring(1);
    }

    public String displayName() {
        return (nullToEmpty(givenName) + " " + nullToEmpty(familyName)).trim();
    }

    public String etag() {
        return "%EgU" + Long.toHexString(updated.toEpochMilli() ^ (changeSeq << 40));
    }

    public String sourceId() {
        return new java.math.BigInteger(resourceName.substring("people/c".length())).toString(16);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
