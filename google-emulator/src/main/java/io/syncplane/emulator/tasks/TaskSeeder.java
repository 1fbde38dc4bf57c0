package io.syncplane.emulator.tasks;

import io.syncplane.emulator.seed.SeedRandom;
import io.syncplane.emulator.seed.Words;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Builds a user's task lists as a pure function of (seed, user index, size). */
public final class TaskSeeder {

    private final long seed;
    private final Instant epoch;
    private final Clock clock;

    public TaskSeeder(long seed, Instant epoch, Clock clock) {
        this.seed = seed;
        this.epoch = epoch;
        this.clock = clock;
    }

    public TaskBook seed(int userIndex, int taskCount) {
        SeedRandom random = SeedRandom.of(seed, userIndex, "tasks");
        List<TaskListState> lists = new ArrayList<>();
        lists.add(new TaskListState(random.alphanumeric(26), "My Tasks", epoch));
        int extraLists = taskCount >= 10 ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < extraLists; i++) {
            lists.add(new TaskListState(random.alphanumeric(26), Words.TASK_LIST_TITLES.get(i), epoch));
        }
        long position = 1;
        for (int i = 0; i < taskCount; i++) {
            TaskListState list = lists.get(random.nextInt(lists.size()));
            Instant updated = epoch.minus(Duration.ofMinutes(random.nextLong(60L * 24 * 60)));
            boolean completed = random.chance(0.3);
            boolean hidden = completed && random.chance(0.5);
            LocalDate due = random.chance(0.5)
                    ? epoch.plus(Duration.ofDays(random.nextLong(60) - 30)).atZone(ZoneOffset.UTC).toLocalDate()
                    : null;
            String title = random.pick(Words.TASK_VERBS) + " " + random.pick(Words.TASK_OBJECTS);
            String notes = random.chance(0.3) ? random.pick(Words.SENTENCES) : null;
            EmulatedTask task = new EmulatedTask(random.alphanumeric(22), title, notes,
                    completed ? "completed" : "needsAction", due, completed ? updated : null, false, hidden,
                    updated, String.format("%020d", position++));
            list.tasks.put(task.id(), task);
        }
        return new TaskBook(clock, SeedRandom.of(seed, userIndex, "tasks-new-ids"), lists, position);
    }
}
