package io.syncplane.connector;

import io.syncplane.connector.ConnectorHarness.Linked;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.queue.BackoffPolicy;
import io.syncplane.store.ItemTable;
import io.syncplane.sync.SyncJob;
import io.syncplane.writeback.NewOperation;
import io.syncplane.writeback.OperationKind;
import io.syncplane.writeback.OutboundDrain;
import io.syncplane.writeback.OutboundOperation;
import io.syncplane.writeback.OutboundThenSync;
import io.syncplane.writeback.OutboundWriter;
import io.syncplane.writeback.OwnWrites;
import io.syncplane.writeback.PostgresOutboxStore;
import io.syncplane.writeback.StoredRows;
import io.syncplane.writeback.WriteSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The outbox side of two-way sync tests, on a {@link ConnectorHarness}: records operations as the API does (the
 * operation, and the source marked pending), runs a connector behind the real {@link OutboundDrain}, and reads back
 * operations and synced rows.
 */
public final class OutboxFixture {

    /** Far from both clocks: an application change certainly newer, or certainly older, than Google's. */
    public static final Instant LONG_AFTER = Instant.parse("2100-01-01T00:00:00Z");
    public static final Instant LONG_BEFORE = Instant.parse("2000-01-01T00:00:00Z");

    public final PostgresOutboxStore outbox;
    private final ConnectorHarness harness;

    public OutboxFixture(ConnectorHarness harness) {
        this.harness = harness;
        this.outbox = new PostgresOutboxStore(harness.ledger.jdbc, harness.ledger.clock);
    }

    public OutboundDrain drain(OutboundWriter writer, WriteSettings settings) {
        return new OutboundDrain(outbox, harness.items, new StoredRows(harness.ledger.jdbc),
                new OwnWrites(harness.ledger.jdbc),
                harness.ledger.transactions,
                new BackoffPolicy(Duration.ofSeconds(10), Duration.ofMinutes(1), new SplittableRandom(7)), settings,
                harness.ledger.clock, List.of(writer));
    }

    /** One run of {@code job} with the outbox drained first, as the worker runs it. */
    public ConnectorHarness.Run run(OutboundDrain drain, SyncJob job, Linked user) {
        return harness.sync(new OutboundThenSync(drain, job), user.key(job.source()));
    }

    public OutboundOperation record(Linked user, Source source, OperationKind kind, String containerId,
                                    String itemId, String destinationId, Long baseVersion,
                                    Map<String, Object> fields, Instant modifiedAt) {
        SyncKey key = user.key(source);
        long userId = harness.ledger.states.get(key).userId();
        String idempotencyKey = UUID.randomUUID().toString();
        OutboundOperation op = harness.ledger.transactions.execute(tx -> {
            OutboundOperation recorded = outbox.record(new NewOperation(userId, user.connectionId(), source, kind,
                    containerId, itemId, destinationId, baseVersion, fields, null, idempotencyKey,
                    idempotencyKey.getBytes(StandardCharsets.UTF_8), modifiedAt)).operation();
            outbox.markSourcePending(key);
            return recorded;
        });
        return op;
    }

    public OutboundOperation reread(OutboundOperation op) {
        return outbox.find(op.userId(), op.id()).orElseThrow();
    }

    /** The row's feed position, or null when there is no row. */
    public Long changeSeq(ItemTable table, long connectionId, String... key) {
        List<Object> params = new ArrayList<>();
        params.add(connectionId);
        params.addAll(List.of(key));
        return harness.ledger.jdbc.sql("SELECT change_seq FROM " + table.name() + " WHERE connection_id = ?"
                        + table.keyColumns().stream().map(k -> " AND " + k + " = ?").collect(Collectors.joining()))
                .params(params).query(Long.class).optional().orElse(null);
    }

    /** One column of the row (text), or null. */
    public String column(ItemTable table, String column, long connectionId, String... key) {
        List<Object> params = new ArrayList<>();
        params.add(connectionId);
        params.addAll(List.of(key));
        return harness.ledger.jdbc.sql("SELECT " + column + "::text FROM " + table.name() + " WHERE connection_id = ?"
                        + table.keyColumns().stream().map(k -> " AND " + k + " = ?").collect(Collectors.joining()))
                .params(params).query(String.class).optional().orElse(null);
    }

    /** A Calendar client event id as the API makes them: base32hex, 26 characters. */
    public static String clientEventId() {
        String alphabet = "0123456789abcdefghijklmnopqrstuv";
        SplittableRandom random = new SplittableRandom();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 26; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    public Instant pendingSince(Linked user, Source source) {
        return harness.ledger.states.get(user.key(source)).outboxPendingSince();
    }
}
