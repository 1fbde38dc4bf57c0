package io.syncplane.api.writeback;

import java.security.SecureRandom;

/**
 * Ids Syncplane gives the events it creates. Calendar lets the client choose an event's id (base32hex, 5-1024
 * characters), which is what makes a retried insert safe: a second attempt with the same id cannot make a second
 * event, and the worker can ask Google whether the first one landed.
 */
final class CalendarEventIds {

    private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CalendarEventIds() {
    }

    /** 26 characters: 130 random bits, far beyond any collision within a calendar. */
    static String next() {
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32HEX[RANDOM.nextInt(BASE32HEX.length)];
        }
        return new String(id);
    }
}
