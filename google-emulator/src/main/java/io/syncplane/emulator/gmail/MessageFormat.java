package io.syncplane.emulator.gmail;

import java.util.Locale;

/** The {@code format} parameter of messages.get. */
enum MessageFormat {
    MINIMAL, METADATA, FULL, RAW;

    static MessageFormat parse(String value) {
        if (value == null) {
            return FULL;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
