package io.syncplane.emulator.oauth;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** A set of OAuth scopes, kept in the order they were first granted (the order the {@code scope} field lists). */
public record Scopes(Set<String> values) {

    private static final String AUTH = "https://www.googleapis.com/auth/";

    /** The four read-only scopes. */
    public static final Scopes READ_ONLY = parse(AUTH + "gmail.readonly " + AUTH + "calendar.readonly "
            + AUTH + "contacts.readonly " + AUTH + "tasks.readonly");

    /** Either one lets a token call Gmail's write methods (modify, trash, untrash). */
    public static final Set<String> GMAIL_WRITE = Set.of(AUTH + "gmail.modify", "https://mail.google.com/");
    /** Either one lets a token write events. */
    public static final Set<String> CALENDAR_WRITE = Set.of(AUTH + "calendar", AUTH + "calendar.events");
    public static final Set<String> CONTACTS_WRITE = Set.of(AUTH + "contacts");
    public static final Set<String> TASKS_WRITE = Set.of(AUTH + "tasks");

    /**
     * What every seeded user has granted the default client: the read-only scopes and one write scope per API
     * ({@code gmail.modify}, {@code calendar.events}, {@code contacts}, {@code tasks}), so that the stored refresh
     * tokens can both sync and write back.
     */
    public static final Scopes SEEDED = READ_ONLY.union(parse(AUTH + "gmail.modify " + AUTH + "calendar.events "
            + AUTH + "contacts " + AUTH + "tasks"));
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
