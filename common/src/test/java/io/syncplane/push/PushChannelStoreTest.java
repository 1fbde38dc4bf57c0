package io.syncplane.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplane.connection.GoogleConnection;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.persistence.PostgresLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

/** The push_channel contract against a real, migrated Postgres schema. */
class PushChannelStoreTest {

    private static PostgresLedger ledger;
    private static PushChannelStore store;

    @BeforeAll
    static void createLedger() {
        ledger = PostgresLedger.create();
        store = new PushChannelStore(ledger.jdbc, ledger.clock);
    }

    @AfterAll
    static void dropLedger() {
        ledger.close();
    }

    @Test
    void an_inserted_calendar_channel_reads_back_active_with_the_clock_as_creation_time() {
        GoogleConnection connection = ledger.newConnection();
        Instant expiry = ledger.clock.instant().plus(Duration.ofDays(7));

        PushChannel inserted = store.insert(NewPushChannel.calendarChannel(connection.id(), connection.userId(),
                "chan-" + connection.id(), "res-1", "primary", PushChannelStore.hashToken("secret"), expiry));

        assertThat(inserted.status()).isEqualTo(PushChannel.Status.ACTIVE);
        assertThat(inserted.createdAt()).isEqualTo(ledger.clock.instant());
        assertThat(inserted.expiresAt()).isEqualTo(expiry);
        assertThat(inserted.source()).isEqualTo(Source.CALENDAR);
        assertThat(store.findActive("chan-" + connection.id())).contains(inserted);
        assertThat(store.active(connection.id(), Source.CALENDAR)).containsExactly(inserted);
        assertThat(store.active(connection.id(), Source.GMAIL)).isEmpty();
    }

    @Test
    void channel_ids_are_unique() {
        GoogleConnection connection = ledger.newConnection();
        NewPushChannel channel = NewPushChannel.gmailWatch(connection.id(), connection.userId(),
                "gmail:" + connection.id() + ":dup", ledger.clock.instant().plus(Duration.ofDays(7)));
        store.insert(channel);

        assertThatThrownBy(() -> store.insert(channel)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void a_stopped_channel_is_no_longer_found_and_keeps_its_first_stop_time() {
        GoogleConnection connection = ledger.newConnection();
        PushChannel channel = calendar(connection, "stop-me", Duration.ofDays(7));

        store.markStopped(channel.id());
        Instant firstStop = ledger.clock.instant();
        ledger.clock.advance(Duration.ofMinutes(1));
        store.markStopped(channel.id());

        assertThat(store.findActive("stop-me")).isEmpty();
        assertThat(store.active(connection.id(), Source.CALENDAR)).isEmpty();
        PushChannel stopped = store.find(channel.id()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(PushChannel.Status.STOPPED);
        assertThat(stopped.stoppedAt()).isEqualTo(firstStop);
    }

    @Test
    void message_numbers_only_move_forward_and_duplicates_change_nothing() {
        GoogleConnection connection = ledger.newConnection();
        PushChannel channel = calendar(connection, "numbers", Duration.ofDays(7));
        Instant first = ledger.clock.instant();

        assertThat(store.recordNotification(channel.id(), 5L, first)).isTrue();
        assertThat(store.recordNotification(channel.id(), 5L, first.plusSeconds(1))).isFalse();
        assertThat(store.recordNotification(channel.id(), 4L, first.plusSeconds(2))).isFalse();

        PushChannel afterDuplicates = store.find(channel.id()).orElseThrow();
        assertThat(afterDuplicates.lastMessageNumber()).isEqualTo(5L);
        assertThat(afterDuplicates.lastNotificationAt()).isEqualTo(first);

        assertThat(store.recordNotification(channel.id(), 6L, first.plusSeconds(3))).isTrue();
        assertThat(store.recordNotification(channel.id(), null, first.plusSeconds(4))).isTrue();
        PushChannel after = store.find(channel.id()).orElseThrow();
        assertThat(after.lastMessageNumber()).isEqualTo(6L);
        assertThat(after.lastNotificationAt()).isEqualTo(first.plusSeconds(4));
    }

    @Test
    void a_stopped_channel_records_no_notification() {
        GoogleConnection connection = ledger.newConnection();
        PushChannel channel = calendar(connection, "stopped-notify", Duration.ofDays(7));
        store.markStopped(channel.id());

        assertThat(store.recordNotification(channel.id(), 1L, ledger.clock.instant())).isFalse();
        assertThat(store.find(channel.id()).orElseThrow().lastNotificationAt()).isNull();
    }

    @Test
    void tokens_match_only_their_own_hash() {
        GoogleConnection connection = ledger.newConnection();
        PushChannel channel = calendar(connection, "token", Duration.ofDays(7));

        assertThat(PushChannelStore.tokenMatches(channel, "token-token")).isTrue();
        assertThat(PushChannelStore.tokenMatches(channel, "token-tokeN")).isFalse();
        assertThat(PushChannelStore.tokenMatches(channel, null)).isFalse();
        PushChannel gmail = gmail(connection, "g1");
        assertThat(PushChannelStore.tokenMatches(gmail, "anything")).isFalse();
    }

    @Test
    void gmail_notifications_land_on_the_active_watch_of_the_connection() {
        GoogleConnection connection = ledger.newConnection();
        GoogleConnection other = ledger.newConnection();
        PushChannel watch = gmail(connection, "w1");
        PushChannel otherWatch = gmail(other, "w2");
        Instant at = ledger.clock.instant().plusSeconds(30);

        store.recordGmailNotification(connection.id(), at);

        assertThat(store.activeGmailWatch(connection.id()).orElseThrow().lastNotificationAt()).isEqualTo(at);
        assertThat(store.activeGmailWatch(other.id()).orElseThrow().lastNotificationAt()).isNull();
        assertThat(store.activeGmailWatch(connection.id()).orElseThrow().id()).isEqualTo(watch.id());
        assertThat(otherWatch.id()).isNotEqualTo(watch.id());
    }

    @Test
    void the_renewal_scan_returns_active_channels_by_expiry_up_to_the_limit() {
        GoogleConnection connection = ledger.newConnection();
        Instant now = ledger.clock.instant();
        PushChannel soon = calendar(connection, "exp-soon", Duration.ofMinutes(-30_000)); // far in the past
        PushChannel later = calendar(connection, "exp-later", Duration.ofMinutes(-20_000));
        PushChannel stopped = calendar(connection, "exp-stopped", Duration.ofMinutes(-40_000));
        store.markStopped(stopped.id());
        calendar(connection, "exp-far", Duration.ofDays(30));

        List<PushChannel> expiring = store.expiringBefore(now.minus(Duration.ofMinutes(10_000)), 10);
        assertThat(expiring).extracting(PushChannel::channelId).containsExactly("exp-soon", "exp-later");
        assertThat(store.expiringBefore(now.minus(Duration.ofMinutes(10_000)), 1))
                .extracting(PushChannel::id).containsExactly(soon.id());
        assertThat(later.expiresAt()).isAfter(soon.expiresAt());
    }

    @Test
    void channels_of_removed_connections_or_disabled_sources_are_found_for_stopping() {
        GoogleConnection removed = ledger.newConnection();
        GoogleConnection kept = ledger.newConnection();
        ledger.states.register(new SyncKey(removed.id(), Source.GMAIL), removed.userId(), ledger.clock.instant());
        ledger.states.register(new SyncKey(kept.id(), Source.GMAIL), kept.userId(), ledger.clock.instant());
        PushChannel ofRemoved = gmail(removed, "rm");
        PushChannel ofKept = gmail(kept, "keep");
        ledger.jdbc.sql("UPDATE google_connection SET status = 'removed' WHERE id = ?").param(removed.id()).update();

        assertThat(store.activeWithoutLiveSource(100)).extracting(PushChannel::id)
                .contains(ofRemoved.id()).doesNotContain(ofKept.id());

        ledger.jdbc.sql("UPDATE sync_state SET status = 'disabled', next_sync_at = NULL WHERE connection_id = ?"
                + " AND source = 'gmail'").param(kept.id()).update();
        assertThat(store.activeWithoutLiveSource(100)).extracting(PushChannel::id).contains(ofKept.id());
    }

    @Test
    void retired_channels_page_by_id() {
        GoogleConnection removed = ledger.newConnection();
        PushChannel first = gmail(removed, "page-1");
        PushChannel second = calendar(removed, "page-2", Duration.ofDays(7));
        ledger.jdbc.sql("UPDATE google_connection SET status = 'removed' WHERE id = ?").param(removed.id()).update();

        List<PushChannel> firstPage = store.activeWithoutLiveSource(first.id() - 1, 1);
        assertThat(firstPage).extracting(PushChannel::id).containsExactly(first.id());
        assertThat(store.activeWithoutLiveSource(first.id(), 1)).extracting(PushChannel::id)
                .containsExactly(second.id());
    }

    @Test
    void the_api_role_sees_only_the_callers_channels() {
        GoogleConnection alice = ledger.newConnection();
        GoogleConnection bob = ledger.newConnection();
        PushChannel ofAlice = gmail(alice, "alice");
        gmail(bob, "bob");

        List<Long> visible = ledger.transactions.execute(tx -> {
            ledger.jdbc.sql("SET LOCAL ROLE syncplane_api").update();
            ledger.jdbc.sql("SELECT set_config('syncplane.caller_user', ?, true)")
                    .param(Long.toString(alice.userId())).query().singleValue();
            return ledger.jdbc.sql("SELECT id FROM push_channel").query(Long.class).list();
        });
        assertThat(visible).containsExactly(ofAlice.id());

        List<Long> anonymous = ledger.transactions.execute(tx -> {
            ledger.jdbc.sql("SET LOCAL ROLE syncplane_api").update();
            return ledger.jdbc.sql("SELECT id FROM push_channel").query(Long.class).list();
        });
        assertThat(anonymous).isEmpty();
    }

    private static PushChannel calendar(GoogleConnection connection, String channelId, Duration expiresIn) {
        return store.insert(NewPushChannel.calendarChannel(connection.id(), connection.userId(), channelId,
                "res-" + channelId, "primary", PushChannelStore.hashToken(channelId + "-token"),
                ledger.clock.instant().plus(expiresIn)));
    }

    private static PushChannel gmail(GoogleConnection connection, String suffix) {
        return store.insert(NewPushChannel.gmailWatch(connection.id(), connection.userId(),
                "gmail:" + connection.id() + ":" + suffix, ledger.clock.instant().plus(Duration.ofDays(7))));
    }
}
