package io.syncplane.worker;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.calendar.CalendarSyncJob;
import io.syncplane.connector.calendar.CalendarSyncSettings;
import io.syncplane.connector.gmail.GmailSyncJob;
import io.syncplane.connector.gmail.GmailSyncSettings;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.emulator.SettableClock;
import io.syncplane.ledger.SyncState;
import io.syncplane.push.PushChannelStore;
import io.syncplane.push.PushProperties;
import io.syncplane.push.PushStatusResolver;
import io.syncplane.queue.BackoffPolicy;
import io.syncplane.queue.ClaimedJob;
import io.syncplane.queue.QueueSettings;
import io.syncplane.queue.RateLimitPolicy;
import io.syncplane.queue.RedisSyncQueue;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.TestBackends;
import io.syncplane.worker.maintenance.MaintenanceProperties;
import io.syncplane.worker.maintenance.RenewPushChannelsTask;
import io.syncplane.worker.maintenance.StopRetiredChannelsTask;
import io.syncplane.worker.push.CalendarChannelCalls;
import io.syncplane.worker.push.CalendarChannelUpkeep;
import io.syncplane.worker.push.ChannelSecrets;
import io.syncplane.worker.push.ChannelStopper;
import io.syncplane.worker.push.GmailWatchCalls;
import io.syncplane.worker.push.GmailWatchUpkeep;
import io.syncplane.worker.push.PushAwarePollSchedule;
import io.syncplane.worker.push.PushChannelUpkeep;
import io.syncplane.worker.push.RenewalPolicy;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The real Gmail and Calendar connectors against the emulator, run through the real SyncRunner on a real Redis queue
 * and a real ledger, with the worker's push components wired as the worker wires them. One instant drives both the
 * ledger's clock and the emulator's, so watch expiry, token expiry and renewal all follow {@link #advance}.
 */
final class PushHarness implements AutoCloseable {

    static final String TOPIC = "projects/syncplane-test/topics/gmail";
    /** Nothing listens here: the emulator's Calendar notifications fail and are retried, which these tests ignore. */
    static final URI WEBHOOK = URI.create("http://127.0.0.1:9/webhooks/google/calendar");

    final SettableClock emulatorClock = SettableClock.at("2026-11-21T10:00:00Z");
    final ConnectorHarness google = new ConnectorHarness(builder -> builder.clock(emulatorClock)
            .users(3).messagesPerUser(12).eventsPerUser(8));
    final RedisNamespace redis = TestBackends.newRedisNamespace();
    final RedisSyncQueue queue;
    final PushProperties push;
    final PushChannelStore channels;
    final WorkerProperties worker = new WorkerProperties("push-test", 1, Duration.ofMinutes(5),
            Duration.ofSeconds(59), Duration.ofMillis(20), Duration.ofSeconds(5), null, null);
    final MaintenanceProperties maintenance = new MaintenanceProperties(null, 100, null, null);
    final RenewPushChannelsTask renewTask;
    final StopRetiredChannelsTask stopTask;
    final GmailWatchCalls gmailCalls;
    final CalendarChannelCalls calendarCalls;
    private final SyncRunner runner;

    PushHarness(boolean pushEnabled) {
        this(new PushProperties(pushEnabled, TOPIC, null, WEBHOOK, null, null, null, null, null, null, null));
    }

    PushHarness(PushProperties push) {
        emulatorClock.set(google.ledger.clock.instant());
        this.push = push;
        channels = new PushChannelStore(google.ledger.jdbc, google.ledger.clock);
        QueueSettings d = QueueSettings.defaults();
        queue = RedisSyncQueue.connect(redis.client(), new QueueSettings(redis.prefix(), d.partitions(),
                d.pushDebounce(), d.deadLetterAfter(), d.maxRunningPerConnection(),
                RateLimitPolicy.uniform(new RateLimitPolicy.Rate(1000, 1000)), d.laneWeights(), d.commandTimeout()),
                google.ledger.clock);
        var clock = google.ledger.clock;
        var resolver = new PushStatusResolver(push);
        var secrets = new ChannelSecrets(new SecureRandom());
        var renewal = new RenewalPolicy(push);
        gmailCalls = new GmailWatchCalls(google.clients, push);
        calendarCalls = new CalendarChannelCalls(google.clients, push);
        var stopper = new ChannelStopper(gmailCalls, calendarCalls, channels);
        var upkeep = new PushChannelUpkeep(push, channels, resolver,
                new GmailWatchUpkeep(gmailCalls, channels, secrets, renewal, google.ledger.transactions, clock),
                new CalendarChannelUpkeep(calendarCalls, stopper, channels, secrets, renewal, clock), clock);
        var jobs = new SyncJobs(List.of(
                new GmailSyncJob(google.clients, google.items, google.sweep, clock, GmailSyncSettings.defaults()),
                new CalendarSyncJob(google.clients, google.items, google.sweep, clock,
                        CalendarSyncSettings.defaults())));
        runner = new SyncRunner(google.ledger.states, queue, jobs, google.ledger.transactions,
                BackoffPolicy.googleDefaults(new SplittableRandom(7)), worker, clock, new SimpleMeterRegistry(),
                new PushAwarePollSchedule(worker, push, channels, resolver, clock), upkeep);
        renewTask = new RenewPushChannelsTask(channels, google.ledger.states, queue, renewal, maintenance, clock);
        stopTask = new StopRetiredChannelsTask(channels, stopper, maintenance);
    }

    Instant now() {
        return google.ledger.clock.instant();
    }

    void advance(Duration by) {
        google.ledger.clock.advance(by);
        emulatorClock.set(google.ledger.clock.instant());
    }

    /** Enqueues a run of {@code key} due now, claims it and runs it the way the claim loop does; the state after. */
    SyncState sync(SyncKey key) {
        SyncState state = google.ledger.states.get(key);
        queue.enqueue(key, SyncTrigger.MANUAL, state.modeOfNextRun(), now());
        return runClaimed(key);
    }

    /** Claims whatever is due (e.g. what the renewal task enqueued) and runs it; the state of {@code key} after. */
    SyncState runClaimed(SyncKey key) {
        // Both the connector's quota pacer and the emulator's quota windows follow the frozen test clock: step past
        // the current second so one run's units never count against the next.
        advance(Duration.ofSeconds(2));
        List<ClaimedJob> claimed = queue.claim(worker.id(), 1, Duration.ofMinutes(1));
        if (claimed.size() != 1 || !claimed.get(0).key().equals(key)) {
            throw new AssertionError("expected one claim of " + key + ", got " + claimed);
        }
        runner.run(new RunningSync(claimed.get(0), () -> false));
        return google.ledger.states.get(key);
    }

    /** Runs every claimable job; how many ran. */
    int runAllClaimable() {
        int ran = 0;
        List<ClaimedJob> claimed;
        advance(Duration.ofSeconds(2));
        while (!(claimed = queue.claim(worker.id(), 1, Duration.ofMinutes(1))).isEmpty()) {
            runner.run(new RunningSync(claimed.get(0), () -> false));
            ran++;
            advance(Duration.ofSeconds(2));
        }
        return ran;
    }

    @Override
    public void close() {
        queue.close();
        redis.close();
        google.close();
    }
}
