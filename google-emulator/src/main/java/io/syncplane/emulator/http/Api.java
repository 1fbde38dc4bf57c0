package io.syncplane.emulator.http;

/** The Google APIs the emulator speaks; quotas, request counts and faults are kept per user and per API. */
public enum Api {
    GMAIL("gmail"),
    CALENDAR("calendar"),
    PEOPLE("people"),
    TASKS("tasks");

    private final String id;

    Api(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Api fromId(String id) {
        for (Api api : values()) {
            if (api.id.equalsIgnoreCase(id)) {
                return api;
            }
        }
        throw new IllegalArgumentException("unknown api '" + id + "' (gmail, calendar, people, tasks)");
    }
}
