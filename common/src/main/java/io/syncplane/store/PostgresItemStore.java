package io.syncplane.store;

import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.persistence.JdbcTime;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes pages of synced items into an {@link ItemTable}. Each page costs one read of the stored checksums and then
 * only the writes that change something: new rows, changed rows, tombstones. Unchanged rows are not rewritten; during
 * a full sync they only get the sync's generation mark, so the closing sweep can tell what Google no longer has. Every
 * item handed over counts as examined, so a page that changes nothing still shows as progress.
 * Runs in the caller's transaction, so a page and its checkpoint commit together.
 *
 * <p>Echo suppression: when Syncplane itself changed an item at Google, {@link #recordOwnWrite} stores Google's answer
 * as a normal write (a new feed position) and remembers the answer's version ({@link ItemTable#versionField}) as the
 * row's echo fingerprint. A later sync bringing that same version back is the echo of that write, not a change at
 * Google: its data is stored without a new feed position, and the fingerprint is spent. Any other write clears it.
 */
public final class PostgresItemStore {

    /** The NOTIFY channel a write signals on, with the connection id as payload, when it changed rows. */
    public static final String CHANGES_CHANNEL = "syncplane_changes";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public PostgresItemStore(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
    }

    /** A new, ever-increasing generation for a full sync to mark what it sees with. */
    public long newGeneration() {
        return jdbc.sql("SELECT nextval('synced_change_seq')").query(Long.class).single();
    }

    /**
     * The generation a full sync marks its rows with: a resumed full sync keeps the one its earlier pages were marked
     * with (so the closing sweep spares them), a new one starts fresh.
     *
     * @param isFullPhase which checkpoint phases belong to a full sync
     */
    public long generationFor(Optional<SyncCheckpoint> resumeFrom, Predicate<String> isFullPhase) {
        return resumeFrom.filter(cp -> isFullPhase.test(cp.phase()) && cp.generation() != null)
                .map(SyncCheckpoint::generation)
                .orElseGet(this::newGeneration);
    }

    /**
     * @param generation the full sync's generation, or null during an incremental sync
     */
    public ItemWrite write(ItemTable table, long connectionId, List<SyncedItem> items, Long generation) {
        if (items.isEmpty()) {
            return ItemWrite.NONE;
        }
        Map<List<String>, Stored> stored = stored(table, connectionId, items);
        OffsetDateTime now = JdbcTime.timestamp(clock.instant());
        long generationValue = generation == null ? 0L : generation;
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> echoes = new ArrayList<>();
        List<Object[]> tombstones = new ArrayList<>();
        List<List<String>> seen = new ArrayList<>();
        long added = 0;
        long updated = 0;
        long deleted = 0;
        long unchanged = 0;
        for (SyncedItem item : dedupeLastWins(items)) {
            Stored row = stored.get(item.key());
            byte[] checksum = item.checksum();
            if (item.unreadable()) {
                // left as it is; seen, so that the full sync's sweep does not take it for gone at Google
                unchanged++;
                if (row != null && generation != null) {
                    seen.add(item.key());
                }
            } else if (row == null) {
                if (!item.deleted()) {
                    inserts.add(insertValues(table, connectionId, item, checksum, generationValue, now, null));
                    added++;
                } else if (item.rawJson() != null) {
                    // never seen alive (e.g. a cancelled instance of a recurring event): keep it as a tombstone
                    inserts.add(insertValues(table, connectionId, item, checksum, generationValue, now, now));
                    unchanged++; // no live row changed
                } else {
                    unchanged++; // the deletion of something never stored: nothing to do
                }
            } else if (item.deleted()) {
                if (!row.deleted()) {
                    if (item.rawJson() != null) {
                        updates.add(updateValues(table, connectionId, item, checksum, generation, now, now));
                    } else {
                        tombstones.add(keyed(new Object[] {now, now}, connectionId, item.key()));
                    }
                    deleted++;
                } else {
                    unchanged++;
                }
            } else if (!row.deleted() && !Arrays.equals(row.checksum(), checksum) && isEcho(table, row, item)) {
                echoes.add(updateValues(table, connectionId, item, checksum, generation, now, null));
                unchanged++; // nothing changed at Google that the feed does not already show
            } else if (row.deleted() || !Arrays.equals(row.checksum(), checksum)) {
                updates.add(updateValues(table, connectionId, item, checksum, generation, now, null));
                if (row.deleted()) {
                    added++;
                } else {
                    updated++;
                }
            } else {
                unchanged++;
                if (generation != null) {
                    seen.add(item.key());
                }
            }
        }
        SqlFor sql = SqlFor.table(table);
        if (!inserts.isEmpty()) {
            insertAll(sql, inserts);
        }
        if (!updates.isEmpty()) {
            batch.batchUpdate(sql.update(), updates);
        }
        if (!echoes.isEmpty()) {
            batch.batchUpdate(sql.echoUpdate(), echoes);
        }
        if (!tombstones.isEmpty()) {
            batch.batchUpdate(sql.tombstone(), tombstones);
        }
        if (!seen.isEmpty()) {
            markSeen(table, connectionId, seen, generationValue);
        }
        if (!inserts.isEmpty() || !updates.isEmpty() || !tombstones.isEmpty()) {
            signalChange(connectionId);
        }
        return new ItemWrite(added, updated, deleted, unchanged);
    }

    /**
     * New rows in multi-row statements, largest first: one statement per set bit of the count (at most
     * {@value SqlFor#MAX_ROWS} rows each), with the same typed parameters a single-row insert takes.
     */
    private void insertAll(SqlFor sql, List<Object[]> rows) {
        int from = 0;
        while (from < rows.size()) {
            int chunk = Math.min(SqlFor.MAX_ROWS, Integer.highestOneBit(rows.size() - from));
            List<Object> params = new ArrayList<>(chunk * rows.get(from).length);
            for (Object[] row : rows.subList(from, from + chunk)) {
                params.addAll(Arrays.asList(row));
            }
            batch.update(sql.insertOf(chunk), params.toArray());
            from += chunk;
        }
    }

    /**
     * Stores Google's answer to Syncplane's own write of one item (a delete: {@link SyncedItem#deletedKey}) as a
     * normal write, so the change feed shows it, and records {@code fingerprint} (the version Google answered with;
     * null after a delete) as the row's echo fingerprint. Returns the row's feed position afterwards, or empty when
     * there is no row (the delete of an item never stored).
     */
    public Optional<Long> recordOwnWrite(ItemTable table, long connectionId, SyncedItem item, String fingerprint) {
        write(table, connectionId, List.of(item), null);
        return jdbc.sql(SqlFor.table(table).ownWrite())
                .params(keyed(new Object[] {fingerprint}, connectionId, item.key()))
                .query(Long.class).optional();
    }

    /** Live items of the connection in the scope (key column → value; empty for all). */
    public long countLive(ItemTable table, long connectionId, Map<String, String> scope) {
        return jdbc.sql("SELECT count(*) FROM " + table.name() + " WHERE connection_id = :connection"
                        + " AND deleted_at IS NULL" + scopeCondition(scope))
                .param("connection", connectionId).params(scopeParams(scope))
                .query(Long.class).single();
    }

    /** Live items the full sync of {@code generation} did not see: what the sweep would tombstone. */
    public long countUnseen(ItemTable table, long connectionId, long generation, Map<String, String> scope) {
        return jdbc.sql("SELECT count(*) FROM " + table.name() + " WHERE connection_id = :connection"
                        + " AND deleted_at IS NULL AND sync_generation < :generation" + scopeCondition(scope))
                .param("connection", connectionId).param("generation", generation).params(scopeParams(scope))
                .query(Long.class).single();
    }

    /** Tombstones every live item the full sync of {@code generation} did not see; returns how many. */
    public int sweepUnseen(ItemTable table, long connectionId, long generation, Map<String, String> scope) {
        OffsetDateTime now = JdbcTime.timestamp(clock.instant());
        int swept = jdbc.sql("UPDATE " + table.name() + " SET deleted_at = :now, updated_at = :now, "
                        + "change_seq = nextval('synced_change_seq'), change_xid = pg_current_xact_id(), "
                        + "echo_fingerprint = NULL WHERE connection_id = :connection"
                        + " AND deleted_at IS NULL AND sync_generation < :generation" + scopeCondition(scope))
                .param("now", now).param("connection", connectionId).param("generation", generation)
                .params(scopeParams(scope))
                .update();
        if (swept > 0) {
            signalChange(connectionId);
        }
        return swept;
    }

    /**
     * Tells change-feed long-pollers that this connection's rows changed. NOTIFY is delivered at commit and dropped on
     * rollback, so it can never announce rows that do not exist; Postgres folds identical payloads of one transaction
     * into one, so signalling every page of a sync costs one message per commit.
     */
    private void signalChange(long connectionId) {
        jdbc.sql("SELECT pg_notify(:channel, :payload)").param("channel", CHANGES_CHANNEL)
                .param("payload", Long.toString(connectionId)).query(rs -> { });
    }

    private Map<List<String>, Stored> stored(ItemTable table, long connectionId, List<SyncedItem> items) {
        List<String> keys = table.keyColumns();
        String select = "SELECT " + keys.stream().map(k -> "t." + k).collect(Collectors.joining(", "))
                + ", t.checksum, t.deleted_at IS NOT NULL AS deleted, t.echo_fingerprint FROM " + table.name()
                + " t JOIN " + unnestKeys(table) + " ON " + keyJoin(table) + " WHERE t.connection_id = ?";
        List<Object> params = new ArrayList<>(keyArrays(table, items.stream().map(SyncedItem::key).toList()));
        params.add(connectionId);
        Map<List<String>, Stored> stored = new HashMap<>();
        jdbc.sql(select).params(params).query(rs -> {
            List<String> key = new ArrayList<>(keys.size());
            for (String column : keys) {
                key.add(rs.getString(column));
            }
            stored.put(List.copyOf(key), new Stored(rs.getBytes("checksum"), rs.getBoolean("deleted"),
                    rs.getString("echo_fingerprint")));
        });
        return stored;
    }

    /**
     * Whether the incoming item is the version Syncplane's own write produced. Only rows carrying a fingerprint (a
     * write of ours not yet seen back) pay for reading the raw JSON.
     */
    private boolean isEcho(ItemTable table, Stored row, SyncedItem item) {
        if (row.echoFingerprint() == null || item.rawJson() == null) {
            return false;
        }
        JsonNode version = json.readTree(item.rawJson()).get(table.versionField());
        return version != null && version.isValueNode() && row.echoFingerprint().equals(version.asString());
    }

    private void markSeen(ItemTable table, long connectionId, List<List<String>> keys, long generation) {
        List<Object> params = new ArrayList<>();
        params.add(generation);
        params.addAll(keyArrays(table, keys));
        params.add(connectionId);
        params.add(generation);
        jdbc.sql("UPDATE " + table.name() + " t SET sync_generation = ? FROM " + unnestKeys(table)
                        + " WHERE " + keyJoin(table) + " AND t.connection_id = ? AND t.sync_generation <> ?")
                .params(params).update();
    }

    private static String unnestKeys(ItemTable table) {
        return "unnest(" + table.keyColumns().stream().map(k -> "?::text[]").collect(Collectors.joining(", "))
                + ") AS k(" + String.join(", ", table.keyColumns()) + ")";
    }

    private static String keyJoin(ItemTable table) {
        return table.keyColumns().stream().map(k -> "t." + k + " = k." + k).collect(Collectors.joining(" AND "));
    }

    private static List<Object> keyArrays(ItemTable table, List<List<String>> keys) {
        List<Object> arrays = new ArrayList<>();
        for (int i = 0; i < table.keyColumns().size(); i++) {
            int column = i;
            arrays.add(keys.stream().map(key -> key.get(column)).toArray(String[]::new));
        }
        return arrays;
    }

    private static List<SyncedItem> dedupeLastWins(List<SyncedItem> items) {
        Map<List<String>, SyncedItem> byKey = new java.util.LinkedHashMap<>();
        for (SyncedItem item : items) {
            byKey.remove(item.key());
            byKey.put(item.key(), item);
        }
        return new ArrayList<>(byKey.values());
    }

    private static Object[] insertValues(ItemTable table, long connectionId, SyncedItem item, byte[] checksum,
                                         long generation, OffsetDateTime now, OffsetDateTime deletedAt) {
        List<Object> values = new ArrayList<>();
        values.add(connectionId);
        values.addAll(item.key());
        values.addAll(typedValues(table, item));
        values.add(item.rawJson());
        values.add(checksum);
        values.add(generation);
        values.add(now);
        values.add(now);
        values.add(deletedAt);
        return values.toArray();
    }

    private static Object[] updateValues(ItemTable table, long connectionId, SyncedItem item, byte[] checksum,
                                         Long generation, OffsetDateTime now, OffsetDateTime deletedAt) {
        List<Object> values = new ArrayList<>(typedValues(table, item));
        values.add(item.rawJson());
        values.add(checksum);
        values.add(generation);
        values.add(now);
        values.add(deletedAt);
        return keyed(values.toArray(), connectionId, item.key());
    }

    private static Object[] keyed(Object[] head, long connectionId, List<String> key) {
        List<Object> values = new ArrayList<>(Arrays.asList(head));
        values.add(connectionId);
        values.addAll(key);
        return values.toArray();
    }

    private static List<Object> typedValues(ItemTable table, SyncedItem item) {
        for (String name : item.columns().keySet()) {
            if (table.columns().stream().noneMatch(c -> c.name().equals(name))) {
                throw new IllegalArgumentException(table.name() + " has no column " + name);
            }
        }
        return table.columns().stream().map(c -> jdbcValue(c, item.columns().get(c.name()))).toList();
    }

    private static Object jdbcValue(ItemTable.Column column, Object value) {
        if (value == null && column.sqlType().endsWith("[]")) {
            return new String[0]; // array columns are NOT NULL: "no labels" is an empty array, not unknown
        }
        if (value instanceof Instant instant) {
            return JdbcTime.timestamp(instant);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toArray(String[]::new);
        }
        return value;
    }

    private static String scopeCondition(Map<String, String> scope) {
        return scope.keySet().stream().map(column -> " AND " + column + " = :scope_" + column)
                .collect(Collectors.joining());
    }

    private static Map<String, Object> scopeParams(Map<String, String> scope) {
        Map<String, Object> params = new HashMap<>();
        scope.forEach((column, value) -> params.put("scope_" + column, value));
        return params;
    }

    private record Stored(byte[] checksum, boolean deleted, String echoFingerprint) {
    }
}
