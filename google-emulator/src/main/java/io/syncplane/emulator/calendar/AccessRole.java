package io.syncplane.emulator.calendar;

import java.util.List;

/** Calendar's access roles, weakest first: what a calendar list entry says the user may do with a calendar. */
public final class AccessRole {

    public static final String FREE_BUSY_READER = "freeBusyReader";
    public static final String READER = "reader";
    public static final String WRITER = "writer";
    public static final String OWNER = "owner";

    private static final List<String> ORDER = List.of(FREE_BUSY_READER, READER, WRITER, OWNER);

    private AccessRole() {
    }

    /** The role's rank, -1 for a name Calendar does not know. */
    public static int rank(String role) {
        return ORDER.indexOf(role);
    }

    static String require(String role) {
        if (rank(role) < 0) {
            throw new IllegalArgumentException("unknown access role '" + role + "' (expected one of " + ORDER + ")");
        }
        return role;
    }

    /** Whether the role sees events' details (a freeBusyReader sees only busy times). */
    public static boolean readsDetails(String role) {
        return rank(role) >= rank(READER);
    }
}
