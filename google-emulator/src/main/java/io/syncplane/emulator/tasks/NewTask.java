package io.syncplane.emulator.tasks;

import java.time.LocalDate;

/** A task to create through the admin API. */
public record NewTask(String title, String notes, LocalDate due) {

    public static NewTask of(String title) {
        return new NewTask(title, null, null);
    }
}
