package io.syncplane.emulator.users;

import io.syncplane.emulator.calendar.CalendarBook;
import io.syncplane.emulator.faults.FaultPlan;
import io.syncplane.emulator.gmail.Mailbox;
import io.syncplane.emulator.oauth.GrantState;
import io.syncplane.emulator.people.ContactBook;
import io.syncplane.emulator.quota.UsageMeters;
import io.syncplane.emulator.tasks.TaskBook;

import java.util.Locale;

/**
 * Everything the emulator keeps for one user. Each source store guards itself, so a request for one user's mail never
 * waits for another user or for the same user's calendar.
 */
public final class UserAccount {

    private final int index;
    private final String email;
    private final Mailbox mailbox;
    private final CalendarBook calendars;
    private final ContactBook contacts;
    private final TaskBook tasks;
    private final GrantState grant = GrantState.seeded();
    private final UsageMeters usage;
    private volatile FaultPlan faults;

    public UserAccount(int index, String email, Mailbox mailbox, CalendarBook calendars, ContactBook contacts,
                       TaskBook tasks, UsageMeters usage) {
        this.index = index;
        this.email = email;
        this.mailbox = mailbox;
        this.calendars = calendars;
        this.contacts = contacts;
        this.tasks = tasks;
        this.usage = usage;
    }

    public int index() {
        return index;
    }

    public String email() {
        return email;
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public CalendarBook calendars() {
        return calendars;
    }

    public ContactBook contacts() {
        return contacts;
    }

    public TaskBook tasks() {
        return tasks;
    }

    /** The user's grant of the emulator's default OAuth client (other clients' grants live in the oauth package). */
    public GrantState grant() {
        return grant;
    }

    /**
     * The stable OpenID subject ({@code sub}): Google's are 21-digit numbers, so is this one, derived from the index
     * alone so that it survives restarts and does not change with the seed.
     */
    public String subject() {
        return String.format(Locale.ROOT, "1%020d", index);
    }

    /** The user's display name, as the ID token's and userinfo's {@code name}: {@code User 00001}. */
    public String displayName() {
        return "User " + email.substring(4, email.indexOf('@'));
    }

    public UsageMeters usage() {
        return usage;
    }

    /** This user's fault plan, or null when the global plan applies. */
    public FaultPlan faults() {
        return faults;
    }

    public void faults(FaultPlan plan) {
        this.faults = plan;
    }

    @Override
    public String toString() {
        return email;
    }
}
