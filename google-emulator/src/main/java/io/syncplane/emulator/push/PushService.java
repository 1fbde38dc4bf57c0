package io.syncplane.emulator.push;

import io.syncplane.emulator.calendar.CalendarNotifier;
import io.syncplane.emulator.calendar.ChannelRegistry;
import io.syncplane.emulator.gmail.GmailWatch;
import io.syncplane.emulator.gmail.MailboxChange;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.RouteTable;
import io.syncplane.emulator.users.UserAccount;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/** Everything push: Gmail Pub/Sub notifications, Calendar channel notifications, and the JWKS they verify against. */
public final class PushService {

    private final AtomicReference<PushSettings> settings;
    private final PushKeys keys = new PushKeys();
    private final GmailPushNotifier gmail;
    private final CalendarPushNotifier calendar;

    public PushService(Clock clock, PushSettings initial, ChannelRegistry channels,
                       ScheduledExecutorService scheduler, ExecutorService httpExecutor) {
        this.settings = new AtomicReference<>(initial);
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(httpExecutor)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        PushDelivery delivery = new PushDelivery(client, scheduler);
        this.gmail = new GmailPushNotifier(clock, scheduler, delivery, keys, settings::get);
        this.calendar = new CalendarPushNotifier(clock, channels, delivery, settings::get);
    }

    public void register(RouteTable routes) {
        routes.open("GET", "oauth2/v3/certs", call -> ApiResponse.text(200, "application/json; charset=UTF-8",
                keys.jwksJson()));
    }

    public CalendarNotifier calendarNotifier() {
        return calendar;
    }

    /** Sends (coalesced) a Gmail notification if the user's active watch covers this change. */
    public void mailboxChanged(UserAccount user, MailboxChange change) {
        if (!change.changed()) {
            return;
        }
        GmailWatch watch = user.mailbox().activeWatch();
        if (watch != null && watch.matches(change.touchedLabels())) {
            gmail.mailboxChanged(user.email(), watch, change.historyId());
        }
    }

    public PushSettings settings() {
        return settings.get();
    }

    public void settings(PushSettings next) {
        settings.set(next);
    }

    /** Routes one Pub/Sub topic to its own push endpoint (null removes the override). */
    public void topicEndpoint(String topic, String endpoint) {
        gmail.topicEndpoint(topic, endpoint);
    }

    public String jwksJson() {
        return keys.jwksJson();
    }

    public PushStats stats() {
        return new PushStats(gmail.delivered.get(), gmail.dropped.get(), gmail.failed.get(),
                gmail.undeliverable.get(), calendar.delivered.get(), calendar.failed.get());
    }
}
