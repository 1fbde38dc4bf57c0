package io.syncplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connector.ConnectorHarness.Linked;
import io.syncplane.domain.Source;
import io.syncplane.emulator.gmail.NewMessage;
import io.syncplane.emulator.calendar.Channel;
import io.syncplane.emulator.gmail.GmailWatch;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.push.PushChannel;
import io.syncplane.push.PushChannelStore;
import io.syncplane.push.PushProperties;
import io.syncplane.push.PushStatusResolver;
import io.syncplane.worker.push.PushAwarePollSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watch lifecycle end to end against the emulator: registration after the first sync, renewal as the clock moves,
 * re-registration when Google has lost a channel, stopping on removal, and the poll schedule following push status.
 */
class PushLifecycleTest {

    private PushHarness harness;
    private Linked account;

    @BeforeEach
    void start() {
        harness = new PushHarness(true);
        account = harness.google.link(1);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void the_first_gmail_sync_registers_a_watch_at_google_and_stores_it() {
        SyncState synced = harness.sync(account.key(Source.GMAIL));

        assertThat(synced.status()).isEqualTo(SyncStatus.IDLE);
        GmailWatch atGoogle = gmailWatch().orElseThrow();
        assertThat(atGoogle.topicName()).isEqualTo(PushHarness.TOPIC);
        assertThat(atGoogle.labelIds()).isEmpty();
        PushChannel stored = harness.channels.activeGmailWatch(account.connectionId()).orElseThrow();
        assertThat(stored.channelId()).startsWith("gmail:" + account.connectionId() + ":");
        assertThat(stored.expiresAt()).isEqualTo(atGoogle.expiration());
        assertThat(stored.resourceId()).isNull();
        assertThat(stored.tokenHash()).isNull();

        // a second run finds the live watch and leaves it alone
        harness.sync(account.key(Source.GMAIL));
        assertThat(harness.channels.active(account.connectionId(), Source.GMAIL)).containsExactly(stored);
    }

    @Test
    void the_first_calendar_sync_opens_a_channel_with_a_random_token_stored_only_as_its_hash() {
        harness.sync(account.key(Source.CALENDAR));

        List<Channel> atGoogle = calendarChannels();
        assertThat(atGoogle).hasSize(1);
        Channel channel = atGoogle.get(0);
        PushChannel stored = harness.channels.findActive(channel.id()).orElseThrow();
        assertThat(channel.id()).hasSizeLessThanOrEqualTo(64).matches("[A-Za-z0-9_-]+");
        assertThat(channel.address()).isEqualTo(PushHarness.WEBHOOK.toString());
        // Google resolves "primary" to the calendar's real id, the account email
        assertThat(channel.calendarId()).isEqualTo(account.email());
        assertThat(stored.resourceId()).isEqualTo(channel.resourceId());
        assertThat(stored.calendarId()).isEqualTo("primary");
        assertThat(stored.expiresAt()).isEqualTo(channel.expiration());
        assertThat(channel.token()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(PushChannelStore.tokenMatches(stored, channel.token())).isTrue();
        assertThat(stored.tokenHash()).isNotEqualTo(channel.token().getBytes());

        harness.sync(account.key(Source.CALENDAR));
        assertThat(calendarChannels()).extracting(Channel::id).containsExactly(channel.id());
    }

    @Test
    void with_push_switched_off_nothing_is_registered_and_polls_keep_their_interval() {
        harness.close();
        harness = new PushHarness(false);
        account = harness.google.link(1);

        SyncState gmail = harness.sync(account.key(Source.GMAIL));
        SyncState calendar = harness.sync(account.key(Source.CALENDAR));

        assertThat(gmailWatch()).isEmpty();
        assertThat(calendarChannels()).isEmpty();
        assertThat(harness.channels.active(account.connectionId(), Source.GMAIL)).isEmpty();
        assertThat(gmail.nextSyncAt()).isEqualTo(gmail.lastSuccessfulSyncAt().plus(Duration.ofMinutes(5)));
        assertThat(calendar.nextSyncAt()).isEqualTo(calendar.lastSuccessfulSyncAt().plus(Duration.ofMinutes(5)));
    }

    @Test
    void a_failed_registration_leaves_the_sync_succeeded_and_is_tried_again_on_the_next_run() {
        harness.close();
        // Google rejects this topic name (400): registration fails, the sync it followed has committed regardless
        harness = new PushHarness(new PushProperties(true, "not-a-topic", List.of("INBOX"), PushHarness.WEBHOOK,
                null, null, null, null, null, null, null));
        account = harness.google.link(1);

        SyncState synced = harness.sync(account.key(Source.GMAIL));

        assertThat(synced.status()).isEqualTo(SyncStatus.IDLE);
        assertThat(synced.consecutiveErrors()).isZero();
        assertThat(gmailWatch()).isEmpty();
        assertThat(harness.channels.activeGmailWatch(account.connectionId())).isEmpty();
        // no channel: degraded, so polled often until one exists
        assertThat(synced.nextSyncAt()).isEqualTo(synced.lastSuccessfulSyncAt().plus(Duration.ofSeconds(150)));
    }

    @Test
    void a_label_filter_is_sent_with_the_watch() {
        harness.close();
        harness = new PushHarness(new PushProperties(true, PushHarness.TOPIC, List.of("INBOX"), PushHarness.WEBHOOK,
                null, null, null, null, null, null, null));
        account = harness.google.link(1);

        harness.sync(account.key(Source.GMAIL));

        GmailWatch watch = gmailWatch().orElseThrow();
        assertThat(watch.labelIds()).containsExactly("INBOX");
        assertThat(watch.include()).isTrue();
    }

    @Test
    void a_gmail_watch_older_than_a_day_is_re_watched_by_a_run_the_renewal_task_enqueues() {
        harness.sync(account.key(Source.GMAIL));
        PushChannel first = harness.channels.activeGmailWatch(account.connectionId()).orElseThrow();

        harness.advance(Duration.ofHours(23));
        assertThat(harness.renewTask.run()).isZero();
        harness.advance(Duration.ofHours(1).plusMinutes(1));
        assertThat(harness.renewTask.run()).isEqualTo(1);
        harness.runClaimed(account.key(Source.GMAIL));

        PushChannel renewed = harness.channels.activeGmailWatch(account.connectionId()).orElseThrow();
        assertThat(renewed.id()).isNotEqualTo(first.id());
        assertThat(renewed.expiresAt()).isEqualTo(gmailWatch().orElseThrow().expiration())
                .isAfter(first.expiresAt());
        assertThat(harness.channels.find(first.id()).orElseThrow().status()).isEqualTo(PushChannel.Status.STOPPED);
        assertThat(harness.channels.active(account.connectionId(), Source.GMAIL)).containsExactly(renewed);
    }

    @Test
    void a_calendar_channel_near_expiry_is_replaced_new_first_then_the_old_one_is_stopped_at_google() {
        harness.sync(account.key(Source.CALENDAR));
        PushChannel old = harness.channels.active(account.connectionId(), Source.CALENDAR).get(0);

        harness.advance(Duration.between(harness.now(), old.expiresAt()).minus(Duration.ofHours(23)));
        assertThat(harness.renewTask.run()).isEqualTo(1);
        harness.runClaimed(account.key(Source.CALENDAR));

        List<PushChannel> active = harness.channels.active(account.connectionId(), Source.CALENDAR);
        assertThat(active).hasSize(1);
        PushChannel replacement = active.get(0);
        assertThat(replacement.id()).isNotEqualTo(old.id());
        assertThat(replacement.createdAt()).isAfter(old.createdAt());
        assertThat(replacement.expiresAt()).isAfter(old.expiresAt());
        assertThat(harness.channels.find(old.id()).orElseThrow().status()).isEqualTo(PushChannel.Status.STOPPED);
        assertThat(calendarChannels()).extracting(Channel::id).containsExactly(replacement.channelId());
    }

    @Test
    void a_channel_google_no_longer_has_answers_404_on_stop_and_is_marked_stopped_while_its_successor_lives()
            throws Exception {
        harness.sync(account.key(Source.CALENDAR));
        PushChannel lost = harness.channels.active(account.connectionId(), Source.CALENDAR).get(0);
        // Google loses the channel (stopped elsewhere): our row still says active
        harness.calendarCalls.stop(account.connectionId(), lost.channelId(), lost.resourceId());
        assertThat(calendarChannels()).isEmpty();

        harness.advance(Duration.between(harness.now(), lost.expiresAt()).minus(Duration.ofHours(2)));
        harness.renewTask.run();
        harness.runClaimed(account.key(Source.CALENDAR));

        assertThat(harness.channels.find(lost.id()).orElseThrow().status()).isEqualTo(PushChannel.Status.STOPPED);
        List<PushChannel> active = harness.channels.active(account.connectionId(), Source.CALENDAR);
        assertThat(active).hasSize(1);
        assertThat(calendarChannels()).extracting(Channel::id).containsExactly(active.get(0).channelId());
    }

    @Test
    void lapsed_channels_are_registered_anew_on_the_next_run() {
        harness.sync(account.key(Source.GMAIL));
        harness.sync(account.key(Source.CALENDAR));
        PushChannel oldWatch = harness.channels.activeGmailWatch(account.connectionId()).orElseThrow();
        PushChannel oldChannel = harness.channels.active(account.connectionId(), Source.CALENDAR).get(0);

        harness.advance(Duration.ofDays(8)); // no renewal ran: both lapsed at Google
        assertThat(gmailWatch()).isEmpty();
        assertThat(calendarChannels()).isEmpty();
        assertThat(harness.renewTask.run()).isEqualTo(2);
        assertThat(harness.runAllClaimable()).isEqualTo(2);

        assertThat(harness.channels.find(oldWatch.id()).orElseThrow().status()).isEqualTo(PushChannel.Status.STOPPED);
        assertThat(harness.channels.find(oldChannel.id()).orElseThrow().status())
                .isEqualTo(PushChannel.Status.STOPPED);
        assertThat(gmailWatch()).isPresent();
        assertThat(calendarChannels()).extracting(Channel::id).containsExactly(
                harness.channels.active(account.connectionId(), Source.CALENDAR).get(0).channelId());
    }

    @Test
    void a_removed_connections_channels_are_stopped_at_google() {
        harness.sync(account.key(Source.GMAIL));
        harness.sync(account.key(Source.CALENDAR));
        Linked other = harness.google.link(2);
        harness.sync(other.key(Source.GMAIL));
        assertThat(harness.stopTask.run()).isZero();

        // what the api-service does on removal
        harness.google.ledger.connections.markRemoved(account.connectionId(), "removed by the user");
        harness.google.ledger.states.findByConnection(account.connectionId())
                .forEach(state -> harness.google.ledger.states.disable(state, "connection removed"));

        assertThat(harness.stopTask.run()).isEqualTo(2);
        assertThat(gmailWatch()).isEmpty();
        assertThat(calendarChannels()).isEmpty();
        assertThat(harness.channels.active(account.connectionId(), Source.GMAIL)).isEmpty();
        assertThat(harness.channels.active(account.connectionId(), Source.CALENDAR)).isEmpty();
        // the other account keeps its watch
        assertThat(harness.google.emulator.admin().gmailWatch(other.email())).isPresent();
        assertThat(harness.channels.activeGmailWatch(other.connectionId())).isPresent();
        assertThat(harness.stopTask.run()).isZero();
    }

    @Test
    void a_disabled_source_has_its_channel_stopped_and_the_others_keep_theirs() {
        harness.sync(account.key(Source.GMAIL));
        harness.sync(account.key(Source.CALENDAR));

        harness.google.ledger.states.disable(harness.google.state(account, Source.CALENDAR), "switched off");

        assertThat(harness.stopTask.run()).isEqualTo(1);
        assertThat(calendarChannels()).isEmpty();
        assertThat(gmailWatch()).isPresent();
    }

    @Test
    void the_next_poll_follows_push_status() {
        // first run: no channel yet (it is registered after the run), so degraded: poll again soon
        SyncState first = harness.sync(account.key(Source.GMAIL));
        assertThat(first.nextSyncAt()).isEqualTo(first.lastSuccessfulSyncAt().plus(Duration.ofSeconds(150)));

        // a live, young watch: push carries changes, only the safety poll remains
        SyncState second = harness.sync(account.key(Source.GMAIL));
        assertThat(second.nextSyncAt()).isEqualTo(second.lastSuccessfulSyncAt().plus(Duration.ofHours(1)));

        // silent for longer than the window, but nothing changed either: still active
        harness.advance(Duration.ofMinutes(20));
        SyncState quiet = harness.sync(account.key(Source.GMAIL));
        assertThat(quiet.nextSyncAt()).isEqualTo(quiet.lastSuccessfulSyncAt().plus(Duration.ofHours(1)));

        // mail arrived and no push announced it (none was delivered: no Pub/Sub endpoint): degraded, and the silent
        // watch is replaced by a fresh one
        PushChannel silent = harness.channels.activeGmailWatch(account.connectionId()).orElseThrow();
        harness.google.emulator.admin().addMessage(account.email(), NewMessage.of("unannounced"));
        SyncState found = harness.sync(account.key(Source.GMAIL));
        assertThat(found.itemsLastRun()).isPositive();
        assertThat(found.nextSyncAt()).isEqualTo(found.lastSuccessfulSyncAt().plus(Duration.ofSeconds(150)));
        PushChannel fresh = harness.channels.activeGmailWatch(account.connectionId()).orElseThrow();
        assertThat(fresh.id()).isNotEqualTo(silent.id());

        // a notification on the fresh watch: active again
        harness.channels.recordGmailNotification(account.connectionId(), harness.now());
        SyncState healthy = harness.sync(account.key(Source.GMAIL));
        assertThat(healthy.nextSyncAt()).isEqualTo(healthy.lastSuccessfulSyncAt().plus(Duration.ofHours(1)));
    }

    @Test
    void contacts_keep_their_configured_interval_with_push_on() {
        // Contacts have no push at Google: the schedule does not touch them (their connector is not wired here, so
        // the schedule is asked directly)
        SyncState contacts = harness.google.state(account, Source.CONTACTS);
        var schedule = new PushAwarePollSchedule(harness.worker, harness.push,
                harness.channels, new PushStatusResolver(harness.push), harness.google.ledger.clock);
        assertThat(schedule.intervalAfter(contacts, SyncCounts.ZERO))
                .isEqualTo(Duration.ofMinutes(30));
    }

    private Optional<GmailWatch> gmailWatch() {
        return harness.google.emulator.admin().gmailWatch(account.email());
    }

    private List<Channel> calendarChannels() {
        return harness.google.emulator.admin().calendarChannels(account.email());
    }
}
