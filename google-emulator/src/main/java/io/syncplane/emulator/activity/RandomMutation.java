package io.syncplane.emulator.activity;

import io.syncplane.emulator.admin.EmulatorAdmin;
import io.syncplane.emulator.admin.GroundTruth;
import io.syncplane.emulator.admin.MessageView;
import io.syncplane.emulator.calendar.CalendarEvent;
import io.syncplane.emulator.calendar.EventChange;
import io.syncplane.emulator.calendar.EventTime;
import io.syncplane.emulator.calendar.NewEvent;
import io.syncplane.emulator.gmail.NewMessage;
import io.syncplane.emulator.people.Contact;
import io.syncplane.emulator.people.ContactChange;
import io.syncplane.emulator.people.NewContact;
import io.syncplane.emulator.seed.Words;
import io.syncplane.emulator.tasks.EmulatedTask;
import io.syncplane.emulator.tasks.NewTask;
import io.syncplane.emulator.tasks.TaskChange;
import io.syncplane.emulator.tasks.TaskListView;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** One random change to one user, in roughly the mix a real account sees: mostly mail, some calendar, a little else. */
final class RandomMutation {

    private final EmulatorAdmin admin;

    RandomMutation(EmulatorAdmin admin) {
        this.admin = admin;
    }

    /** Applies one change and returns the API it changed: gmail, calendar, contacts or tasks. */
    String apply(String email, SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 35) {
            admin.addMessage(email, NewMessage.of(pick(random, Words.SUBJECT_OPENERS) + " "
                    + pick(random, Words.TOPICS)));
            return "gmail";
        } else if (roll < 55) {
            changeMessage(email, random);
            return "gmail";
        } else if (roll < 75) {
            changeEvent(email, random);
            return "calendar";
        } else if (roll < 88) {
            changeContact(email, random);
            return "contacts";
        } else {
            changeTask(email, random);
            return "tasks";
        }
    }

    private void changeMessage(String email, SplittableRandom random) {
        List<MessageView> recent = admin.recentMessages(email, 20);
        if (recent.isEmpty()) {
            return;
        }
        MessageView message = recent.get(random.nextInt(recent.size()));
        if (random.nextInt(4) == 0) {
            admin.deleteMessage(email, message.id());
        } else if (message.labelIds().contains("UNREAD")) {
            admin.modifyLabels(email, message.id(), List.of(), List.of("UNREAD"));
        } else {
            admin.modifyLabels(email, message.id(), List.of("STARRED"), List.of());
        }
    }

    /**
     * An event change in a random calendar the user can read (subscribed calendars change too, by their owners):
     * new single events and series, renames, moved and cancelled occurrences of series, deletions.
     */
    private void changeEvent(String email, SplittableRandom random) {
        List<Map.Entry<String, List<CalendarEvent>>> calendars = List.copyOf(
                admin.groundTruth(email).eventsByCalendar().entrySet());
        Map.Entry<String, List<CalendarEvent>> calendar = calendars.get(random.nextInt(calendars.size()));
        String calendarId = calendar.getKey();
        List<CalendarEvent> events = calendar.getValue().stream().filter(event -> !event.cancelled()).toList();
        List<CalendarEvent> series = events.stream().filter(CalendarEvent::series).toList();
        int roll = random.nextInt(20);
        Instant start = admin.clock().instant().truncatedTo(ChronoUnit.HOURS)
                .plus(Duration.ofHours(random.nextInt(24 * 14)));
        if (events.isEmpty() || roll < 8) {
            admin.addEvent(email, calendarId, NewEvent.of(pick(random, Words.EVENT_TITLES), start,
                    Duration.ofMinutes(30)));
        } else if (roll < 9) {
            admin.addEvent(email, calendarId, NewEvent.series("Weekly " + pick(random, Words.EVENT_TITLES), start,
                    Duration.ofMinutes(30), "RRULE:FREQ=WEEKLY;COUNT=" + (4 + random.nextInt(20))));
        } else if (roll < 12 && !series.isEmpty()) {
            CalendarEvent master = series.get(random.nextInt(series.size()));
            EventTime occurrence = occurrence(master, random);
            if (random.nextBoolean()) {
                admin.cancelInstance(email, calendarId, master.id(), occurrence);
            } else {
                admin.changeInstance(email, calendarId, master.id(), occurrence,
                        EventChange.summary(master.summary() + " (" + pick(random, Words.PLACES) + ")"));
            }
        } else if (roll < 18) {
            CalendarEvent event = events.get(random.nextInt(events.size()));
            admin.updateEvent(email, calendarId, event.id(), EventChange.summary(pick(random, Words.EVENT_TITLES)));
        } else {
            admin.deleteEvent(email, calendarId, events.get(random.nextInt(events.size())).id());
        }
    }

    /** One of a series' first four weekly occurrences (seeded and generated series are weekly, with COUNT >= 4). */
    private static EventTime occurrence(CalendarEvent master, SplittableRandom random) {
        long weeks = random.nextInt(4);
        return master.start().date() != null ? EventTime.allDay(master.start().date().plusWeeks(weeks))
                : EventTime.at(master.start().dateTime().plus(Duration.ofDays(7 * weeks)));
    }

    private void changeContact(String email, SplittableRandom random) {
        List<Contact> contacts = admin.groundTruth(email).contacts();
        int roll = random.nextInt(10);
        if (contacts.isEmpty() || roll < 5) {
            String given = pick(random, Words.GIVEN_NAMES);
            String family = pick(random, Words.FAMILY_NAMES);
            admin.addContact(email, NewContact.of(given, family,
                    given.toLowerCase() + random.nextInt(10_000) + "@contacts.example.test"));
        } else if (roll < 9) {
            Contact contact = contacts.get(random.nextInt(contacts.size()));
            admin.updateContact(email, contact.resourceName(),
                    ContactChange.email("changed" + random.nextInt(10_000) + "@contacts.example.test"));
        } else {
            admin.deleteContact(email, contacts.get(random.nextInt(contacts.size())).resourceName());
        }
    }

    private void changeTask(String email, SplittableRandom random) {
        List<TaskListView> lists = admin.groundTruth(email).taskLists();
        TaskListView list = lists.get(random.nextInt(lists.size()));
        List<EmulatedTask> open = list.tasks().stream().filter(task -> !task.done()).toList();
        if (open.isEmpty() || random.nextBoolean()) {
            admin.addTask(email, list.id(), NewTask.of(pick(random, Words.TASK_VERBS) + " "
                    + pick(random, Words.TASK_OBJECTS)));
        } else {
            admin.updateTask(email, list.id(), open.get(random.nextInt(open.size())).id(), TaskChange.complete());
        }
    }

    private static String pick(SplittableRandom random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
