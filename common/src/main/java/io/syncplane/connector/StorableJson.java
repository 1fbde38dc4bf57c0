package io.syncplane.connector;

import java.util.regex.Pattern;

/** What Postgres refuses in an item's raw JSON, found before the write so one item cannot fail its whole page. */
public final class StorableJson {

    /** A JSON-escaped NUL not itself escaped: Postgres can hold it neither in text nor in jsonb. */
    private static final Pattern ESCAPED_NUL = Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\\\u0000");

    public static final String NUL_REASON = "contains NUL characters, which Postgres cannot store";

    private StorableJson() {
    }

    public static boolean containsNul(String json) {
        return ESCAPED_NUL.matcher(json).find();
    }
}
