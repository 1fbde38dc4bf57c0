package io.syncplane.emulator.people;

import java.time.Instant;

/**
 * One contact as stored; a deleted contact stays as a tombstone for sync responses.
 *
 * @param changeSeq the book's change sequence at this contact's last change
 */
public record Contact(String resourceName, String givenName, String familyName, String email, String phone,
                      String organization, Instant updated, long changeSeq, boolean deleted) {

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
