package io.syncplane.emulator.cursor;

/**
 * Builds string sort keys so that every listing order becomes ascending string order, which lets page tokens carry
 * "the last key returned" and continue exactly after it even when items change between pages.
 */
public final class SortKeys {

    private SortKeys() {
    }

    /** For non-negative values such as epoch milliseconds. */
    public static String ascending(long value, String tieBreak) {
        return String.format("%020d|%s", Math.max(0, value), tieBreak);
    }

    public static String descending(long value, String tieBreak) {
        return String.format("%020d|%s", Long.MAX_VALUE - Math.max(0, value), tieBreak);
    }

    public static String text(String value, String tieBreak) {
        return (value == null ? "" : value.toLowerCase(java.util.Locale.ROOT)) + "\u0000|" + tieBreak;
    }
}
