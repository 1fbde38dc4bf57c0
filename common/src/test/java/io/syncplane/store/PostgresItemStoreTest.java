package io.syncplane.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplane.connection.GoogleConnection;
import io.syncplane.persistence.PostgresLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class PostgresItemStoreTest {

    private PostgresLedger ledger;
    private PostgresItemStore items;
    private long connection;

    @BeforeEach
    void setUp() {
        ledger = PostgresLedger.create();
        items = new PostgresItemStore(ledger.jdbc, new JdbcTemplate(ledger.schema.dataSource()), ledger.clock);
        GoogleConnection c = ledger.newConnection();
        connection = c.id();
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void new_items_are_added_with_typed_columns_and_raw_json() {
        ItemWrite write = items.write(SyncedTables.GMAIL_MESSAGE, connection,
                List.of(message("m1", "hello", List.of("INBOX", "UNREAD")), message("m2", "again", List.of())), null);

        assertThat(write).isEqualTo(new ItemWrite(2, 0, 0, 0));
        Map<String, Object> row = ledger.jdbc.sql("SELECT subject, label_ids::text AS labels, internal_date, "
                        + "raw->>'id' AS raw_id, deleted_at FROM gmail_message WHERE message_id = 'm1'")
                .query().singleRow();
        assertThat(row.get("subject")).isEqualTo("hello");
        assertThat(row.get("labels")).isEqualTo("{INBOX,UNREAD}");
        assertThat(row.get("raw_id")).isEqualTo("m1");
        assertThat(row.get("deleted_at")).isNull();
    }

    @Test
    void an_unchanged_item_is_not_rewritten_and_a_changed_one_is() {
        items.write(SyncedTables.GMAIL_MESSAGE, connection, List.of(message("m1", "s", List.of("INBOX"))), null);
        long seqBefore = changeSeq("m1");

        ItemWrite same = items.write(SyncedTables.GMAIL_MESSAGE, connection,
                List.of(message("m1", "s", List.of("INBOX"))), null);
        long seqAfterSame = changeSeq("m1");
        ItemWrite changed = items.write(SyncedTables.GMAIL_MESSAGE, connection,
                List.of(message("m1", "s", List.of("INBOX", "STARRED"))), null);

        assertThat(same).isEqualTo(new ItemWrite(0, 0, 0, 1));
        assertThat(seqAfterSame).isEqualTo(seqBefore);
        assertThat(changed).isEqualTo(new ItemWrite(0, 1, 0, 0));
        assertThat(changeSeq("m1")).isGreaterThan(seqBefore);
    }

    @Test
    void an_unreadable_item_counts_as_seen_by_the_full_sync_and_leaves_its_stored_copy_as_it_was() {
        items.write(SyncedTables.GMAIL_MESSAGE, connection,
                List.of(message("m1", "kept", List.of()), message("m2", "gone", List.of())), null);
        long seqBefore = changeSeq("m1");
        String rawBefore = ledger.jdbc.sql("SELECT raw::text FROM gmail_message WHERE message_id = 'm1'")
                .query(String.class).single();
        long generation = items.newGeneration();

        ItemWrite write = items.write(SyncedTables.GMAIL_MESSAGE, connection, List.of(
                SyncedItem.unreadable(List.of("m1")), SyncedItem.unreadable(List.of("never-stored"))), generation);
        int swept = items.sweepUnseen(SyncedTables.GMAIL_MESSAGE, connection, generation, Map.of());

        assertThat(write).isEqualTo(new ItemWrite(0, 0, 0, 2, 2));
        assertThat(swept).as("only the row no page saw").isEqualTo(1);
        assertThat(isDeleted("m1")).isFalse();
        assertThat(isDeleted("m2")).isTrue();
        assertThat(changeSeq("m1")).as("not rewritten").isEqualTo(seqBefore);
        assertThat(ledger.jdbc.sql("SELECT raw::text FROM gmail_message WHERE message_id = 'm1'")
                .query(String.class).single()).isEqualTo(rawBefore);
        assertThat(ledger.jdbc.sql("SELECT count(*) FROM gmail_message WHERE message_id = 'never-stored'")
                .query(Long.class).single()).as("nothing to keep, nothing written").isZero();
    }

    @Test
    void every_item_of_a_page_counts_as_examined_changed_or_not() {
        items.write(SyncedTables.GMAIL_MESSAGE, connection, List.of(message("m1", "s", List.of())), null);

        ItemWrite write = items.write(SyncedTables.GMAIL_MESSAGE, connection, List.of(message("m1", "s", List.of()),
                message("m2", "new", List.of()), SyncedItem.deletedKey(List.of("never-seen"))), null);

        assertThat(write.counts().total()).isEqualTo(1);
        assertThat(write.examined()).isEqualTo(3);
    }

    @Test
    void deletions_become_tombstones_and_a_reappearing_item_comes_back() {
        items.write(SyncedTables.GMAIL_MESSAGE, connection, List.of(message("m1", "s", List.of())), null);

        ItemWrite deleted = items.write(SyncedTables.GMAIL_MESSAGE, connection,
                List.of(SyncedItem.deletedKey(List.of("m1")), SyncedItem.deletedKey(List.of("never-seen"))), null);
        ItemWrite deletedAgain = items.write(SyncedTables.GMAIL_MESSAGE, connection,
                List.of(SyncedItem.deletedKey(List.of("m1"))), null);
        boolean tombstoned = isDeleted("m1");
        ItemWrite back = items.write(SyncedTables.GMAIL_MESSAGE, connection, List.of(message("m1", "s", List.of())), null);

        assertThat(deleted).as("the deletion of an item never stored is examined and changes nothing")
                .isEqualTo(new ItemWrite(0, 0, 1, 1));
        assertThat(deletedAgain).isEqualTo(new ItemWrite(0, 0, 0, 1));
        assertThat(tombstoned).isTrue();
        assertThat(back).isEqualTo(new ItemWrite(1, 0, 0, 0));
        assertThat(isDeleted("m1")).isFalse();
        assertThat(ledger.jdbc.sql("SELECT count(*) FROM gmail_message").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_full_sync_sweeps_what_it_did_not_see_and_only_that() {
        items.write(SyncedTables.GMAIL_MESSAGE, connection,
                List.of(message("keep", "a", List.of()), message("gone", "b", List.of()),
                        message("changed", "c", List.of())), null);
        long generation = items.newGeneration();

        items.write(SyncedTables.GMAIL_MESSAGE, connection, List.of(message("keep", "a", List.of())), generation);
        items.write(SyncedTables.GMAIL_MESSAGE, connection,
                List.of(message("changed", "c2", List.of()), message("new", "d", List.of())), generation);
        long unseen = items.countUnseen(SyncedTables.GMAIL_MESSAGE, connection, generation, Map.of());
        int swept = items.sweepUnseen(SyncedTables.GMAIL_MESSAGE, connection, generation, Map.of());

        assertThat(unseen).isEqualTo(1);
        assertThat(swept).isEqualTo(1);
        assertThat(isDeleted("gone")).isTrue();
        assertThat(isDeleted("keep")).isFalse();
        assertThat(isDeleted("changed")).isFalse();
        assertThat(items.countLive(SyncedTables.GMAIL_MESSAGE, connection, Map.of())).isEqualTo(3);
    }

    @Test
    void composite_keys_and_scoped_sweeps_keep_calendars_apart() {
        items.write(SyncedTables.CALENDAR_EVENT, connection,
                List.of(event("primary", "e1", "confirmed"), event("work", "e1", "confirmed")), null);
        long generation = items.newGeneration();

        items.write(SyncedTables.CALENDAR_EVENT, connection, List.of(event("work", "e1", "confirmed")), generation);
        int swept = items.sweepUnseen(SyncedTables.CALENDAR_EVENT, connection, generation, Map.of("calendar_id", "work"));

        assertThat(swept).isZero();
        assertThat(items.countLive(SyncedTables.CALENDAR_EVENT, connection, Map.of())).isEqualTo(2);
    }

    @Test
    void a_cancelled_event_never_seen_alive_is_kept_as_a_tombstone_with_its_fields() {
        ItemWrite write = items.write(SyncedTables.CALENDAR_EVENT, connection, List.of(SyncedItem.deleted(
                List.of("primary", "rec_20261121"), Map.of("status", "cancelled", "recurring_event_id", "rec"),
                "{\"id\":\"rec_20261121\",\"status\":\"cancelled\",\"recurringEventId\":\"rec\"}")), null);

        assertThat(write).as("no live row changed").isEqualTo(new ItemWrite(0, 0, 0, 1));
        Map<String, Object> row = ledger.jdbc.sql("SELECT recurring_event_id, deleted_at FROM calendar_event")
                .query().singleRow();
        assertThat(row.get("recurring_event_id")).isEqualTo("rec");
        assertThat(row.get("deleted_at")).isNotNull();
    }

    @Test
    void the_same_item_twice_in_a_page_counts_once_with_the_last_version() {
        ItemWrite write = items.write(SyncedTables.GMAIL_MESSAGE, connection,
                List.of(message("m1", "first", List.of()), message("m1", "second", List.of())), null);

        assertThat(write).isEqualTo(new ItemWrite(1, 0, 0, 0));
        assertThat(ledger.jdbc.sql("SELECT subject FROM gmail_message").query(String.class).single()).isEqualTo("second");
    }

    @Test
    void an_item_without_a_value_for_an_array_column_gets_an_empty_array() {
        items.write(SyncedTables.GMAIL_MESSAGE, connection,
                List.of(SyncedItem.live(List.of("bare"), Map.of("subject", "no labels"), "{}")), null);

        assertThat(ledger.jdbc.sql("SELECT cardinality(label_ids) FROM gmail_message").query(Integer.class).single())
                .isZero();
    }

    @Test
    void an_unknown_column_is_refused_before_anything_is_written() {
        SyncedItem bad = SyncedItem.live(List.of("m1"), Map.of("no_such_column", "x"), "{}");

        assertThatThrownBy(() -> items.write(SyncedTables.GMAIL_MESSAGE, connection, List.of(bad), null))
                .hasMessageContaining("no_such_column");
        assertThat(ledger.jdbc.sql("SELECT count(*) FROM gmail_message").query(Long.class).single()).isZero();
    }

    @Test
    void the_echo_of_our_own_write_is_stored_without_a_new_feed_position_and_a_real_change_after_it_gets_one() {
        items.write(SyncedTables.GMAIL_MESSAGE, connection, List.of(versioned("m1", "90", "INBOX")), null);
        long beforeOwn = changeSeq("m1");

        Long own = items.recordOwnWrite(SyncedTables.GMAIL_MESSAGE, connection, versioned("m1", "100", "STARRED"),
                "100").orElseThrow();
        String fingerprint = fingerprint("m1");
        // the sync brings the same version back, in the fuller shape a read returns
        ItemWrite echo = items.write(SyncedTables.GMAIL_MESSAGE, connection,
                List.of(versioned("m1", "100", "STARRED", "snippet of the full read")), null);
        long afterEcho = changeSeq("m1");
        String rawAfterEcho = ledger.jdbc.sql("SELECT raw->>'snippet' FROM gmail_message WHERE message_id = 'm1'")
                .query(String.class).single();
        String fingerprintAfterEcho = fingerprint("m1");
        ItemWrite remote = items.write(SyncedTables.GMAIL_MESSAGE, connection,
                List.of(versioned("m1", "100", "STARRED", "someone else changed it")), null);

        assertThat(own).as("our write is news to the feed").isGreaterThan(beforeOwn).isEqualTo(afterEcho);
        assertThat(fingerprint).isEqualTo("100");
        assertThat(echo).as("not reported as a remote change").isEqualTo(new ItemWrite(0, 0, 0, 1));
        assertThat(rawAfterEcho).as("the echo's data is stored").isEqualTo("snippet of the full read");
        assertThat(fingerprintAfterEcho).as("spent").isNull();
        assertThat(remote).as("once spent, the same version field no longer hides changes")
                .isEqualTo(new ItemWrite(0, 1, 0, 0));
        assertThat(changeSeq("m1")).isGreaterThan(afterEcho);
    }

    @Test
    void a_different_version_arriving_before_the_echo_is_a_change_and_clears_the_fingerprint() {
        items.recordOwnWrite(SyncedTables.GMAIL_MESSAGE, connection, versioned("m1", "100", "INBOX"), "100");
        long own = changeSeq("m1");

        ItemWrite newer = items.write(SyncedTables.GMAIL_MESSAGE, connection,
                List.of(versioned("m1", "105", "INBOX", "changed at Google")), null);

        assertThat(newer).isEqualTo(new ItemWrite(0, 1, 0, 0));
        assertThat(changeSeq("m1")).isGreaterThan(own);
        assertThat(fingerprint("m1")).isNull();
    }

    @Test
    void an_own_delete_tombstones_the_row_and_returns_its_position() {
        items.write(SyncedTables.GMAIL_MESSAGE, connection, List.of(versioned("m1", "90", "INBOX")), null);
        long before = changeSeq("m1");

        Long position = items.recordOwnWrite(SyncedTables.GMAIL_MESSAGE, connection,
                SyncedItem.deletedKey(List.of("m1")), null).orElseThrow();
        ItemWrite again = items.write(SyncedTables.GMAIL_MESSAGE, connection,
                List.of(SyncedItem.deletedKey(List.of("m1"))), null);

        assertThat(position).isGreaterThan(before).isEqualTo(changeSeq("m1"));
        assertThat(isDeleted("m1")).isTrue();
        assertThat(again).as("the deletion coming back is no change").isEqualTo(new ItemWrite(0, 0, 0, 1));
        assertThat(items.recordOwnWrite(SyncedTables.GMAIL_MESSAGE, connection,
                SyncedItem.deletedKey(List.of("never-stored")), null)).isEmpty();
    }

    @Test
    void syncing_never_touches_app_data() {
        items.write(SyncedTables.GMAIL_MESSAGE, connection, List.of(versioned("m1", "1", "INBOX")), null);
        ledger.jdbc.sql("UPDATE gmail_message SET app_data = '{\"deal\": \"won\"}' WHERE message_id = 'm1'").update();

        items.write(SyncedTables.GMAIL_MESSAGE, connection, List.of(versioned("m1", "2", "STARRED")), null);
        String afterUpdate = appData("m1");
        items.write(SyncedTables.GMAIL_MESSAGE, connection, List.of(SyncedItem.deletedKey(List.of("m1"))), null);
        String afterTombstone = appData("m1");
        items.write(SyncedTables.GMAIL_MESSAGE, connection, List.of(versioned("m1", "3", "INBOX")), null);
        long generation = items.newGeneration();
        items.sweepUnseen(SyncedTables.GMAIL_MESSAGE, connection, generation, Map.of());

        assertThat(afterUpdate).isEqualTo("won");
        assertThat(afterTombstone).isEqualTo("won");
        assertThat(appData("m1")).as("back from the dead and swept again").isEqualTo("won");
    }

    private SyncedItem versioned(String id, String historyId, String label) {
        return versioned(id, historyId, label, null);
    }

    private SyncedItem versioned(String id, String historyId, String label, String snippet) {
        return SyncedItem.live(List.of(id), Map.of("thread_id", "t-" + id, "history_id", historyId,
                        "label_ids", List.of(label)),
                "{\"id\":\"" + id + "\",\"historyId\":\"" + historyId + "\",\"labelIds\":[\"" + label + "\"]"
                        + (snippet == null ? "" : ",\"snippet\":\"" + snippet + "\"") + "}");
    }

    private String fingerprint(String id) {
        return ledger.jdbc.sql("SELECT echo_fingerprint FROM gmail_message WHERE message_id = ?").param(id)
                .query(String.class).optional().orElse(null);
    }

    private String appData(String id) {
        return ledger.jdbc.sql("SELECT app_data->>'deal' FROM gmail_message WHERE message_id = ?").param(id)
                .query(String.class).single();
    }

    private SyncedItem message(String id, String subject, List<String> labels) {
        Instant date = Instant.parse("2026-11-01T08:00:00Z").plus(Duration.ofMinutes(id.length()));
        return SyncedItem.live(List.of(id), Map.of("thread_id", "t-" + id, "subject", subject, "label_ids", labels,
                        "internal_date", date, "size_estimate", 1234),
                "{\"id\":\"" + id + "\",\"subject\":\"" + subject + "\",\"labelIds\":\"" + labels + "\"}");
    }

    private SyncedItem event(String calendar, String id, String status) {
        return SyncedItem.live(List.of(calendar, id), Map.of("status", status, "summary", "standup",
                "start_at", Instant.parse("2026-11-23T09:00:00Z"), "all_day", false),
                "{\"id\":\"" + id + "\",\"status\":\"" + status + "\"}");
    }

    private long changeSeq(String id) {
        return ledger.jdbc.sql("SELECT change_seq FROM gmail_message WHERE message_id = ?").param(id)
                .query(Long.class).single();
    }

    private boolean isDeleted(String id) {
        return ledger.jdbc.sql("SELECT deleted_at IS NOT NULL FROM gmail_message WHERE message_id = ?").param(id)
                .query(Boolean.class).single();
    }
}
