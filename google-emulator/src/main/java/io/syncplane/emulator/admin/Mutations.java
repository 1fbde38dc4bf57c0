package io.syncplane.emulator.admin;

import io.syncplane.emulator.calendar.CalendarEvent;
import io.syncplane.emulator.calendar.EmulatedCalendar;
import io.syncplane.emulator.calendar.EventChange;
import io.syncplane.emulator.calendar.EventTime;
import io.syncplane.emulator.calendar.NewEvent;
import io.syncplane.emulator.gmail.GmailLabel;
import io.syncplane.emulator.gmail.MailboxChange;
import io.syncplane.emulator.gmail.MessageText;
import io.syncplane.emulator.gmail.NewMessage;
import io.syncplane.emulator.people.Contact;
import io.syncplane.emulator.people.ContactChange;
import io.syncplane.emulator.people.NewContact;
import io.syncplane.emulator.push.PushService;
import io.syncplane.emulator.tasks.EmulatedTask;
import io.syncplane.emulator.tasks.NewTask;
import io.syncplane.emulator.tasks.TaskChange;
import io.syncplane.emulator.tasks.TaskListView;
import io.syncplane.emulator.users.UserAccount;

import java.util.List;
import java.util.NoSuchElementException;

/** Changes to users' data, each followed by the push Google would send for it. */
final class Mutations {

    private final PushService push;

    Mutations(PushService push) {
        this.push = push;
    }

    MessageView addMessage(UserAccount user, NewMessage message) {
        MessageText text = new MessageText(message.from(), message.to() == null ? user.email() : message.to(),
                message.subject(), message.body());
        MailboxChange change = user.mailbox().addMessage(text, message.labelIds(), message.threadId());
        push.mailboxChanged(user, change);
        return MessageView.of(change.message());
    }

    void deleteMessage(UserAccount user, String messageId) {
        push.mailboxChanged(user, user.mailbox().deleteMessage(messageId));
    }

    MessageView modifyLabels(UserAccount user, String messageId, List<String> add, List<String> remove) {
        MailboxChange change = user.mailbox().modifyLabels(messageId, add, remove);
        push.mailboxChanged(user, change);
        return MessageView.of(change.message());
    }

    GmailLabel createLabel(UserAccount user, String name) {
        return user.mailbox().createLabel(name);
    }

    CalendarEvent addEvent(UserAccount user, String calendarId, NewEvent event) {
        EmulatedCalendar calendar = calendar(user, calendarId);
        CalendarEvent added = calendar.add(event);
        push.calendarNotifier().calendarChanged(user.email(), calendar.id());
        return added;
    }

    CalendarEvent updateEvent(UserAccount user, String calendarId, String eventId, EventChange change) {
        EmulatedCalendar calendar = calendar(user, calendarId);
        CalendarEvent updated = calendar.update(eventId, change);
        push.calendarNotifier().calendarChanged(user.email(), calendar.id());
        return updated;
    }

    CalendarEvent deleteEvent(UserAccount user, String calendarId, String eventId) {
        EmulatedCalendar calendar = calendar(user, calendarId);
        CalendarEvent cancelled = calendar.cancel(eventId);
        push.calendarNotifier().calendarChanged(user.email(), calendar.id());
        return cancelled;
    }

    CalendarEvent changeInstance(UserAccount user, String calendarId, String masterId, EventTime originalStart,
                                 EventChange change) {
        EmulatedCalendar calendar = calendar(user, calendarId);
        CalendarEvent changed = calendar.changeInstance(masterId, originalStart, change);
        push.calendarNotifier().calendarChanged(user.email(), calendar.id());
        return changed;
    }

    CalendarEvent cancelInstance(UserAccount user, String calendarId, String masterId, EventTime originalStart) {
        EmulatedCalendar calendar = calendar(user, calendarId);
        CalendarEvent cancelled = calendar.cancelInstance(masterId, originalStart);
        push.calendarNotifier().calendarChanged(user.email(), calendar.id());
        return cancelled;
    }

    Contact addContact(UserAccount user, NewContact contact) {
        return user.contacts().add(contact);
    }

    Contact updateContact(UserAccount user, String resourceName, ContactChange change) {
        return user.contacts().update(resourceName, change);
    }

    Contact deleteContact(UserAccount user, String resourceName) {
        return user.contacts().delete(resourceName);
    }

    TaskListView addTaskList(UserAccount user, String title) {
        return user.tasks().addList(title);
    }

    EmulatedTask addTask(UserAccount user, String listId, NewTask task) {
        return user.tasks().addTask(listId, task);
    }

    EmulatedTask updateTask(UserAccount user, String listId, String taskId, TaskChange change) {
        return user.tasks().updateTask(listId, taskId, change);
    }

    EmulatedTask deleteTask(UserAccount user, String listId, String taskId) {
        return user.tasks().deleteTask(listId, taskId);
    }

    private static EmulatedCalendar calendar(UserAccount user, String calendarId) {
        EmulatedCalendar calendar = user.calendars().calendar(calendarId == null ? "primary" : calendarId);
        if (calendar == null) {
            throw new NoSuchElementException("no calendar " + calendarId + " for " + user.email());
        }
        return calendar;
    }
}
