package io.syncplane.writeback;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an application asks for at Google. Mail supports only {@link #UPDATE} (labels, trash). */
public enum OperationKind {
    CREATE, UPDATE, DELETE;

    /** As stored and spoken on the wire: {@code create}, {@code update}, {@code delete}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OperationKind> fromId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id().equals(id)).findFirst();
    }
}
