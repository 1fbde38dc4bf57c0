package io.syncplane.emulator.quota;

/**
 * Per-user quotas, Google's defaults unless said otherwise. Windows are fixed and aligned to the clock (the current
 * second for Gmail, the current minute for the others), which is what makes them testable with a fixed clock.
 *
 * @param gmailUnitsPerSecond      Gmail: 250 quota units per user per second (history.list 2, messages.get 5, ...)
 * @param gmailMaxConcurrent       Gmail: requests in flight per user before 429 "Too many concurrent requests"
 * @param calendarRequestsPerMinute Calendar: 600 requests per user per minute
 * @param peopleRequestsPerMinute  People: 90 read requests per user per minute (429 RESOURCE_EXHAUSTED)
 * @param peopleFullSyncPerMinute  People: first pages of full syncs per user per minute (its own, smaller quota)
 * @param tasksRequestsPerMinute   Tasks: 600 requests per user per minute (Google publishes only a daily project
 *                                 quota; this is the emulator's choice)
 */
public record QuotaSettings(boolean enabled, int gmailUnitsPerSecond, int gmailMaxConcurrent,
                            int calendarRequestsPerMinute, int peopleRequestsPerMinute, int peopleFullSyncPerMinute,
                            int tasksRequestsPerMinute) {

    public QuotaSettings {
        if (gmailUnitsPerSecond < 1 || gmailMaxConcurrent < 1 || calendarRequestsPerMinute < 1
                || peopleRequestsPerMinute < 1 || peopleFullSyncPerMinute < 1 || tasksRequestsPerMinute < 1) {
            throw new IllegalArgumentException("quota limits must be positive");
        }
    }

    public static QuotaSettings defaults() {
        return new QuotaSettings(true, 250, 25, 600, 90, 10, 600);
    }

    public QuotaSettings withEnabled(boolean on) {
        return new QuotaSettings(on, gmailUnitsPerSecond, gmailMaxConcurrent, calendarRequestsPerMinute,
                peopleRequestsPerMinute, peopleFullSyncPerMinute, tasksRequestsPerMinute);
    }

    public QuotaSettings withGmailUnitsPerSecond(int units) {
        return new QuotaSettings(enabled, units, gmailMaxConcurrent, calendarRequestsPerMinute,
                peopleRequestsPerMinute, peopleFullSyncPerMinute, tasksRequestsPerMinute);
    }

    public QuotaSettings withGmailMaxConcurrent(int max) {
        return new QuotaSettings(enabled, gmailUnitsPerSecond, max, calendarRequestsPerMinute,
                peopleRequestsPerMinute, peopleFullSyncPerMinute, tasksRequestsPerMinute);
    }

    public QuotaSettings withCalendarRequestsPerMinute(int max) {
        return new QuotaSettings(enabled, gmailUnitsPerSecond, gmailMaxConcurrent, max,
                peopleRequestsPerMinute, peopleFullSyncPerMinute, tasksRequestsPerMinute);
    }

    public QuotaSettings withPeopleRequestsPerMinute(int max) {
        return new QuotaSettings(enabled, gmailUnitsPerSecond, gmailMaxConcurrent, calendarRequestsPerMinute,
                max, peopleFullSyncPerMinute, tasksRequestsPerMinute);
    }

    public QuotaSettings withPeopleFullSyncPerMinute(int max) {
        return new QuotaSettings(enabled, gmailUnitsPerSecond, gmailMaxConcurrent, calendarRequestsPerMinute,
                peopleRequestsPerMinute, max, tasksRequestsPerMinute);
    }

    public QuotaSettings withTasksRequestsPerMinute(int max) {
        return new QuotaSettings(enabled, gmailUnitsPerSecond, gmailMaxConcurrent, calendarRequestsPerMinute,
                peopleRequestsPerMinute, peopleFullSyncPerMinute, max);
    }
}
