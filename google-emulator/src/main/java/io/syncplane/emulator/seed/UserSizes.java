package io.syncplane.emulator.seed;

/**
 * How many items of each source one user is seeded with.
 *
 * @param events               events in the primary calendar (each secondary calendar gets half as many)
 * @param calendars            calendars in the user's calendar list, the primary one included
 * @param recurringPerCalendar recurring series per calendar, each with a moved and a cancelled occurrence
 */
public record UserSizes(int messages, int events, int contacts, int tasks, int calendars, int recurringPerCalendar) {

    public UserSizes {
        if (messages < 0 || events < 0 || contacts < 0 || tasks < 0 || recurringPerCalendar < 0) {
            throw new IllegalArgumentException("sizes must not be negative: " + messages + "/" + events + "/"
                    + contacts + "/" + tasks + "/" + recurringPerCalendar);
        }
        if (calendars < 1) {
            throw new IllegalArgumentException("every user has at least the primary calendar: " + calendars);
        }
    }

    public UserSizes(int messages, int events, int contacts, int tasks) {
        this(messages, events, contacts, tasks, 1, 0);
    }

    public UserSizes withMessages(int count) {
        return new UserSizes(count, events, contacts, tasks, calendars, recurringPerCalendar);
    }
}
