package io.syncplane.emulator.quota;

import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.GoogleError;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.users.UserAccount;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** Admits or throttles a request against the user's quota, answering with each API's own quota error. */
public final class QuotaGate {

    private final Clock clock;
    private final AtomicReference<QuotaSettings> settings;

    public QuotaGate(Clock clock, QuotaSettings initial) {
        this.clock = clock;
        this.settings = new AtomicReference<>(initial);
    }

    public QuotaSettings settings() {
        return settings.get();
    }

    public void settings(QuotaSettings next) {
        settings.set(next);
    }

    /** Null when the request may proceed, else the error to answer. */
    public GoogleError admit(UserAccount user, Api api, int cost, boolean fullSyncPage) {
        QuotaSettings quota = settings.get();
        ApiMeter meter = user.usage().meter(api);
        if (!quota.enabled()) {
            meter.admitUncounted(cost);
            return null;
        }
        long millis = clock.millis();
        long second = Math.floorDiv(millis, 1000);
        long minute = Math.floorDiv(millis, 60_000);
        return switch (api) {
            case GMAIL -> meter.tryConsume(second, cost, quota.gmailUnitsPerSecond())
                    ? null : GoogleErrors.gmailUserRateLimit(Instant.ofEpochSecond(second + 1));
            case CALENDAR -> meter.tryConsume(minute, 1, quota.calendarRequestsPerMinute())
                    ? null : GoogleErrors.calendarUserRateLimit();
            case TASKS -> meter.tryConsume(minute, 1, quota.tasksRequestsPerMinute())
                    ? null : GoogleErrors.userRateLimitExceeded();
            case PEOPLE -> admitPeople(meter, minute, fullSyncPage, quota);
        };
    }

    private static GoogleError admitPeople(ApiMeter meter, long minute, boolean fullSyncPage, QuotaSettings quota) {
        if (fullSyncPage && !meter.tryFullSyncPage(minute, quota.peopleFullSyncPerMinute())) {
            return GoogleErrors.resourceExhausted("people.googleapis.com", "full_sync_requests",
                    "FullSyncRequestsPerMinutePerUser", quota.peopleFullSyncPerMinute());
        }
        if (!meter.tryConsume(minute, 1, quota.peopleRequestsPerMinute())) {
            return GoogleErrors.resourceExhausted("people.googleapis.com", "read_requests",
                    "ReadRequestsPerMinutePerUser", quota.peopleRequestsPerMinute());
        }
        return null;
    }

    /** Takes a concurrency slot (Gmail only); null when granted, else the 429 to answer. */
    public GoogleError enter(UserAccount user, Api api) {
        if (api != Api.GMAIL) {
            return null;
        }
        ApiMeter meter = user.usage().meter(api);
        int now = meter.inFlight().incrementAndGet();
        QuotaSettings quota = settings.get();
        if (quota.enabled() && now > quota.gmailMaxConcurrent()) {
            meter.inFlight().decrementAndGet();
            meter.countThrottled();
            return GoogleErrors.tooManyConcurrentRequests();
        }
        return null;
    }

    public void exit(UserAccount user, Api api) {
        if (api == Api.GMAIL) {
            user.usage().meter(api).inFlight().decrementAndGet();
        }
    }
}
