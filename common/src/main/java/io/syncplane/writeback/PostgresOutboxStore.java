package io.syncplane.writeback;

import static io.syncplane.persistence.JdbcTime.instant;
import static io.syncplane.persistence.JdbcTime.nullableLong;
import static io.syncplane.persistence.JdbcTime.timestamp;

import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@link OutboxStore} on outbound_operation and write_conflict (013-two-way-sync.sql). */
public final class PostgresOutboxStore implements OutboxStore {

    private static final String COLUMNS = "id, user_id, connection_id, source, kind, container_id, item_id, "
            + "destination_id, base_version, fields::text AS fields, app_fields::text AS app_fields, idempotency_key, "
            + "request_hash, state, attempts, next_attempt_at, last_error, result_item_id, result_etag, "
            + "result_version, modified_at, submitted_at, finished_at";
    private static final String CONFLICT_COLUMNS = "id, operation_id, user_id, connection_id, source, item_id, "
            + "policy, decision, reason, google_version::text AS google_version, google_modified_at, "
            + "application_version::text AS application_version, application_modified_at, detected_at";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json;

    public PostgresOutboxStore(JdbcClient jdbc, Clock clock) {
        this(jdbc, clock, JsonMapper.builder().build());
    }

    public PostgresOutboxStore(JdbcClient jdbc, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public Recorded record(NewOperation op) {
        Instant now = clock.instant();
        Optional<OutboundOperation> inserted = jdbc.sql("INSERT INTO outbound_operation (user_id, connection_id, "
                        + "source, kind, container_id, item_id, destination_id, base_version, fields, app_fields, "
                        + "idempotency_key, request_hash, state, next_attempt_at, modified_at, submitted_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, 'pending', ?, ?, ?) "
                        + "ON CONFLICT ON CONSTRAINT outbound_operation_idempotency_key DO NOTHING "
                        + "RETURNING " + COLUMNS)
                .params(op.userId(), op.connectionId(), op.source().id(), op.kind().id(), op.containerId(),
                        op.itemId(), op.destinationId(), op.baseVersion(), json.writeValueAsString(op.fields()),
                        op.appFields() == null ? null : json.writeValueAsString(op.appFields()),
                        op.idempotencyKey(), op.requestHash(), timestamp(now), timestamp(op.modifiedAt()),
                        timestamp(now))
                .query(this::map).optional();
        if (inserted.isPresent()) {
            return new Recorded(inserted.get(), true);
        }
        return new Recorded(recorded(op.userId(), op.idempotencyKey(), op.requestHash()).orElseThrow(), false);
    }

    @Override
    public Optional<OutboundOperation> recorded(long userId, String idempotencyKey, byte[] requestHash) {
        Optional<Row> existing = jdbc.sql("SELECT " + COLUMNS + " FROM outbound_operation WHERE user_id = ? "
                        + "AND idempotency_key = ?")
                .params(userId, idempotencyKey)
                .query((rs, n) -> new Row(map(rs, n), rs.getBytes("request_hash"))).optional();
        if (existing.isPresent() && !Arrays.equals(existing.get().requestHash(), requestHash)) {
            throw new IdempotencyKeyReusedException(idempotencyKey, existing.get().operation().id());
        }
        return existing.map(Row::operation);
    }

    @Override
    public Optional<OutboundOperation> find(long userId, long operationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbound_operation WHERE user_id = ? AND id = ?")
                .params(userId, operationId).query(this::map).optional();
    }

    @Override
    public List<OutboundOperation> due(SyncKey key, Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbound_operation WHERE connection_id = ? AND source = ? "
                        + "AND state IN ('pending', 'sending') AND next_attempt_at <= ? ORDER BY id LIMIT ?")
                .params(key.connectionId(), key.source().id(), timestamp(now), limit).query(this::map).list();
    }

    @Override
    public boolean hasOpen(SyncKey key) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM outbound_operation WHERE connection_id = ? AND source = ? "
                        + "AND state IN ('pending', 'sending'))")
                .params(key.connectionId(), key.source().id()).query(Boolean.class).single();
    }

    @Override
    public OutboundOperation markSending(OutboundOperation op) {
        return update(op, "state = 'sending', attempts = attempts + 1", List.of());
    }

    @Override
    public OutboundOperation markApplied(OutboundOperation op, OperationResult result) {
        return update(op, "state = 'applied', last_error = NULL, result_item_id = ?, result_etag = ?, "
                        + "result_version = ?, item_id = COALESCE(item_id, ?), finished_at = ?",
                Arrays.asList(result.itemId(), result.etag(), result.version(), result.itemId(),
                        timestamp(clock.instant())));
    }

    @Override
    public OutboundOperation markConflict(OutboundOperation op, String reason) {
        return update(op, "state = 'conflict', last_error = ?, finished_at = ?",
                List.of(reason, timestamp(clock.instant())));
    }

    @Override
    public OutboundOperation markFailed(OutboundOperation op, String reason) {
        return update(op, "state = 'failed', last_error = ?, finished_at = ?",
                List.of(reason, timestamp(clock.instant())));
    }

    @Override
    public OutboundOperation retryLater(OutboundOperation op, String error, Instant at, boolean mayHaveLanded) {
        // The caller decides, not the stored state: markSending has made every attempt 'sending' by the time it is
        // answered, so "stay sending if sending" would keep a plain rate-limit refusal uncertain for ever.
        return update(op, "state = CASE WHEN ? THEN 'sending' ELSE 'pending' END, "
                + "last_error = ?, next_attempt_at = ?", List.of(mayHaveLanded, error, timestamp(at)));
    }

    private OutboundOperation update(OutboundOperation op, String set, List<Object> params) {
        Object[] all = new Object[params.size() + 1];
        for (int i = 0; i < params.size(); i++) {
            all[i] = params.get(i);
        }
        all[params.size()] = op.id();
        return jdbc.sql("UPDATE outbound_operation SET " + set + " WHERE id = ? AND state IN ('pending', 'sending') "
                        + "RETURNING " + COLUMNS)
                .params(all).query(this::map).optional()
                .orElseThrow(() -> new IllegalStateException("operation " + op.id() + " is already finished"));
    }

    @Override
    public WriteConflict recordConflict(WriteConflict c) {
        return jdbc.sql("INSERT INTO write_conflict (operation_id, user_id, connection_id, source, item_id, policy, "
                        + "decision, reason, google_version, google_modified_at, application_version, "
                        + "application_modified_at, detected_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?) RETURNING " + CONFLICT_COLUMNS)
                .params(c.operationId(), c.userId(), c.connectionId(), c.source().id(), c.itemId(), c.policy().id(),
                        c.decision().id(), c.reason(),
                        c.googleVersion() == null ? null : json.writeValueAsString(c.googleVersion()),
                        c.googleModifiedAt() == null ? null : timestamp(c.googleModifiedAt()),
                        json.writeValueAsString(c.applicationVersion()), timestamp(c.applicationModifiedAt()),
                        timestamp(c.detectedAt() == null ? clock.instant() : c.detectedAt()))
                .query(this::mapConflict).single();
    }

    @Override
    public List<WriteConflict> conflicts(long userId, Long beforeId, int limit) {
        return jdbc.sql("SELECT " + CONFLICT_COLUMNS + " FROM write_conflict WHERE user_id = ? AND id < ? "
                        + "ORDER BY id DESC LIMIT ?")
                .params(userId, beforeId == null ? Long.MAX_VALUE : beforeId, limit)
                .query(this::mapConflict).list();
    }

    @Override
    public List<WriteConflict> conflictsOf(long operationId) {
        return jdbc.sql("SELECT " + CONFLICT_COLUMNS + " FROM write_conflict WHERE operation_id = ? ORDER BY id")
                .param(operationId).query(this::mapConflict).list();
    }

    @Override
    public void markSourcePending(SyncKey key) {
        // clock_timestamp(), not the transaction's time: every marking must differ from the value a worker saw
        jdbc.sql("UPDATE sync_state SET outbox_pending_since = GREATEST(clock_timestamp(), "
                        + "outbox_pending_since + interval '1 microsecond') WHERE connection_id = ? AND source = ?")
                .params(key.connectionId(), key.source().id()).update();
    }

    @Override
    public boolean clearSourcePending(SyncKey key, Instant seen) {
        return jdbc.sql("UPDATE sync_state SET outbox_pending_since = NULL WHERE connection_id = ? AND source = ? "
                        + "AND outbox_pending_since = ? AND NOT EXISTS (SELECT 1 FROM outbound_operation o "
                        + "WHERE o.connection_id = sync_state.connection_id AND o.source = sync_state.source "
                        + "AND o.state IN ('pending', 'sending'))")
                .params(key.connectionId(), key.source().id(), timestamp(seen)).update() == 1;
    }

    private OutboundOperation map(ResultSet rs, int row) throws SQLException {
        String resultItem = rs.getString("result_item_id");
        String resultEtag = rs.getString("result_etag");
        Long resultVersion = nullableLong(rs, "result_version");
        OperationResult result = resultItem == null && resultEtag == null && resultVersion == null ? null
                : new OperationResult(resultItem, resultEtag, resultVersion);
        return new OutboundOperation(rs.getLong("id"), rs.getLong("user_id"), rs.getLong("connection_id"),
                Source.require(rs.getString("source")), OperationKind.fromId(rs.getString("kind")).orElseThrow(),
                rs.getString("container_id"), rs.getString("item_id"), rs.getString("destination_id"),
                nullableLong(rs, "base_version"), readMap(rs.getString("fields")), readMap(rs.getString("app_fields")),
                rs.getString("idempotency_key"), OperationState.fromId(rs.getString("state")), rs.getInt("attempts"),
                instant(rs, "next_attempt_at"), rs.getString("last_error"), result, instant(rs, "modified_at"),
                instant(rs, "submitted_at"), instant(rs, "finished_at"));
    }

    private WriteConflict mapConflict(ResultSet rs, int row) throws SQLException {
        return new WriteConflict(rs.getLong("id"), rs.getLong("operation_id"), rs.getLong("user_id"),
                rs.getLong("connection_id"), Source.require(rs.getString("source")), rs.getString("item_id"),
                ConflictPolicy.fromId(rs.getString("policy")).orElseThrow(),
                WriteConflict.Decision.fromId(rs.getString("decision")), rs.getString("reason"),
                readMap(rs.getString("google_version")), instant(rs, "google_modified_at"),
                readMap(rs.getString("application_version")), instant(rs, "application_modified_at"),
                instant(rs, "detected_at"));
    }

    private Map<String, Object> readMap(String text) {
        return text == null ? null : json.readValue(text, MAP);
    }

    private record Row(OutboundOperation operation, byte[] requestHash) {
    }
}
