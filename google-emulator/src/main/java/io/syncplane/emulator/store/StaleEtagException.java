package io.syncplane.emulator.store;

/**
 * A conditional write ({@code If-Match}, or People's request etag) named an etag that is no longer the item's. The
 * stores check it under their own lock, so the check and the write are one step; the endpoints turn it into each
 * API's answer (Calendar and Tasks 412 conditionNotMet, People 400 FAILED_PRECONDITION).
 */
public final class StaleEtagException extends RuntimeException {

    public StaleEtagException(String expected, String current) {
        super("etag " + expected + " is stale (current " + current + ")", null, false, false);
    }

    /**
     * Throws unless {@code expected} (null = unconditional, {@code *} = any) is {@code current}. A weak prefix
     * ({@code W/}) is ignored: Google's etags are compared as opaque strings.
     */
    public static void check(String expected, String current) {
        if (expected == null || expected.equals("*")) {
            return;
        }
        String bare = expected.startsWith("W/") ? expected.substring(2) : expected;
        if (!bare.equals(current)) {
            throw new StaleEtagException(expected, current);
        }
    }
}
