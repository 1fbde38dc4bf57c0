package io.syncplane.emulator.oauth;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** A set of OAuth scopes, kept in the order they were first granted (the order the {@code scope} field lists). */
public record Scopes(Set<String> values) {

    /** The four read-only scopes every seeded user has granted the default client. */
    public static final Scopes SEEDED = parse("https://www.googleapis.com/auth/gmail.readonly"
            + " https://www.googleapis.com/auth/calendar.readonly https://www.googleapis.com/auth/contacts.readonly"
            + " https://www.googleapis.com/auth/tasks.readonly");
    public static final Scopes NONE = new Scopes(Set.of());

    public Scopes {
        values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    /** Space-separated, as in the {@code scope} parameter; repeated and empty entries are dropped. */
    public static Scopes parse(String spaceSeparated) {
        Set<String> out = new LinkedHashSet<>();
        if (spaceSeparated != null) {
            for (String scope : spaceSeparated.trim().split("\\s+")) {
                if (!scope.isEmpty()) {
                    out.add(scope);
                }
            }
        }
        return new Scopes(out);
    }

    public Scopes union(Scopes other) {
        Set<String> out = new LinkedHashSet<>(values);
        out.addAll(other.values);
        return new Scopes(out);
    }

    public boolean contains(String scope) {
        return values.contains(scope);
    }

    public boolean containsAll(Collection<String> scopes) {
        return values.containsAll(scopes);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The {@code scope} field of a token response. */
    public String joined() {
        return String.join(" ", values);
    }

    @Override
    public String toString() {
        return joined();
    }
}
