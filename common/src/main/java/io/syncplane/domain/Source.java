package io.syncplane.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A kind of Google data Syncplane keeps a copy of. The {@link #id()} is what is stored and spoken on the wire; adding a
 * source is one constant here plus its connector.
 */
public enum Source {
    GMAIL("gmail"),
    CALENDAR("calendar"),
    CONTACTS("contacts"),
    TASKS("tasks");

    private final String id;

    Source(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Source> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(source -> source.id.equals(wanted)).findFirst();
    }

    public static Source require(String id) {
        return fromId(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown source '" + id + "'; known: " + Arrays.stream(values()).map(Source::id).toList()));
    }
}
