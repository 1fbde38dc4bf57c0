package io.syncplane.emulator.people;

/** One entry of a Person's {@code clientData}: arbitrary key/value data a client stores on a contact. */
public record ClientDatum(String key, String value) {
}
