package io.syncplane.emulator.admin;

import io.syncplane.emulator.calendar.CalendarEvent;
import io.syncplane.emulator.gmail.GmailLabel;
import io.syncplane.emulator.people.Contact;
import io.syncplane.emulator.tasks.TaskListView;

import java.util.List;
import java.util.Map;

/**
 * A user's complete current state per source, for convergence checks: what a full sync done right now would see.
 *
 * @param messages        every message, newest first, including SPAM and TRASH
 * @param eventsByCalendar per calendar in the user's list whose events the user can read (freeBusyReader calendars
 *                         are left out), what a full listing returns with Google's defaults: live events and series,
 *                         and the exceptions of live series, cancelled occurrences (status cancelled) included
 * @param contacts        live contacts
 * @param taskLists       every task list with its tasks; deleted tasks are left out
 */
public record GroundTruth(String email, String historyId, List<MessageView> messages, List<GmailLabel> labels,
                          Map<String, List<CalendarEvent>> eventsByCalendar, List<Contact> contacts,
                          List<TaskListView> taskLists) {
}
