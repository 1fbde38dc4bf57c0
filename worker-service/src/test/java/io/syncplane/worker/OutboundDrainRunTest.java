package io.syncplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.queue.BackoffPolicy;
import io.syncplane.queue.ClaimedJob;
import io.syncplane.queue.RedisSyncQueue;
import io.syncplane.store.ItemTable;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import io.syncplane.writeback.GoogleCopy;
import io.syncplane.writeback.NewOperation;
import io.syncplane.writeback.OperationKind;
import io.syncplane.writeback.OperationState;
import io.syncplane.writeback.OutboundDrain;
import io.syncplane.writeback.OutboundOperation;
import io.syncplane.writeback.OutboundThenSync;
import io.syncplane.writeback.OutboundWriter;
import io.syncplane.writeback.OwnWrites;
import io.syncplane.writeback.OutboxStore;
import io.syncplane.writeback.PostgresOutboxStore;
import io.syncplane.writeback.StoredRow;
import io.syncplane.writeback.StoredRows;
import io.syncplane.writeback.WriteSettings;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The drain inside the worker's run: it goes first, under the run's lease, and what it throws is settled the way a
 * connector's errors are. Google is a scripted writer here (the real writers against the emulator are tested with
 * their connectors); the ledger, outbox and queue are real.
 */
class OutboundDrainRunTest {

    private WorkerHarness harness;
    private RedisSyncQueue queue;
    private PagedTestJob job;
    private ScriptedWriter google;
    private OutboxStore outbox;
    private final AtomicInteger outboxCalls = new AtomicInteger();
    private final List<String> order = new ArrayList<>();
    private SyncRunner runner;
    private SyncState state;

    @BeforeEach
    void setUp() {
        harness = new WorkerHarness();
        queue = harness.newQueue();
        job = new PagedTestJob(harness.items, 1, 1, -1);
        google = new ScriptedWriter();
        outbox = counting(new PostgresOutboxStore(harness.ledger.jdbc, harness.ledger.clock));
        OutboundDrain drain = new OutboundDrain(outbox, harness.items, new StoredRows(harness.ledger.jdbc),
                new OwnWrites(harness.ledger.jdbc),
                harness.ledger.transactions, BackoffPolicy.googleDefaults(new SplittableRandom(7)),
                WriteSettings.defaults(), harness.ledger.clock, List.of(google));
        runner = harness.runner(queue, "w1", new OutboundThenSync(drain, new io.syncplane.sync.SyncJob() {
            @Override
            public Source source() {
                return Source.GMAIL;
            }

            @Override
            public void run(io.syncplane.sync.SyncSession session) throws Exception {
                order.add("sync");
                job.run(session);
            }
        }));
        state = harness.register(Source.GMAIL);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void a_sync_with_nothing_to_send_costs_the_outbox_nothing() {
        runOnce();

        assertThat(harness.ledger.states.get(state.key()).status()).isEqualTo(SyncStatus.IDLE);
        assertThat(order).containsExactly("sync");
        assertThat(outboxCalls).as("outbox_pending_since came back null with the start: no statement").hasValue(0);
    }

    @Test
    void pending_operations_are_sent_before_the_sync_in_the_same_run_and_the_marker_is_cleared() {
        OutboundOperation op = record("m-1", Map.of("addLabelIds", List.of("STARRED")));

        runOnce();

        SyncState after = harness.ledger.states.get(state.key());
        OutboundOperation applied = reread(op);
        assertThat(order).containsExactly("send m-1", "sync");
        assertThat(after.status()).isEqualTo(SyncStatus.IDLE);
        assertThat(after.cursor()).isEqualTo("cursor-1");
        assertThat(after.outboxPendingSince()).isNull();
        assertThat(applied.state()).isEqualTo(OperationState.APPLIED);
        assertThat(applied.result().etag()).isEqualTo("h-1");
        assertThat(applied.result().version()).isEqualTo(harness.ledger.jdbc
                .sql("SELECT change_seq FROM gmail_message WHERE message_id = 'm-1'").query(Long.class).single());
        assertThat(outboxCalls.get()).isPositive();
    }

    @Test
    void no_definite_answer_fails_the_run_with_backoff_before_the_sync_and_keeps_the_operation_uncertain() {
        OutboundOperation op = record("m-1", Map.of("addLabelIds", List.of("STARRED")));
        google.failure = new SocketTimeoutException("Read timed out");

        runOnce();

        SyncState after = harness.ledger.states.get(state.key());
        assertThat(order).containsExactly("send m-1");
        assertThat(after.status()).isEqualTo(SyncStatus.ERROR);
        assertThat(after.consecutiveErrors()).isEqualTo(1);
        assertThat(after.lastError()).contains("Read timed out");
        assertThat(after.nextSyncAt()).isAfter(harness.ledger.clock.instant());
        assertThat(after.outboxPendingSince()).as("still something to send").isNotNull();
        assertThat(reread(op).state()).isEqualTo(OperationState.SENDING);
    }

    @Test
    void googles_rate_limit_ends_the_run_rate_limited_and_the_operation_stays_pending() {
        OutboundOperation op = record("m-1", Map.of("addLabelIds", List.of("STARRED")));
        google.failure = googleError(429, "rateLimitExceeded", "Rate Limit Exceeded");

        runOnce();

        SyncState after = harness.ledger.states.get(state.key());
        assertThat(after.status()).isEqualTo(SyncStatus.RATE_LIMITED);
        assertThat(after.consecutiveErrors()).isZero();
        assertThat(reread(op).state()).isEqualTo(OperationState.PENDING);
        assertThat(reread(op).nextAttemptAt()).isEqualTo(after.rateLimitedUntil());
    }

    @Test
    void a_refusal_fails_only_that_operation_and_the_run_goes_on() {
        OutboundOperation refused = record("m-1", Map.of("addLabelIds", List.of("STARRED")));
        OutboundOperation next = record("m-2", Map.of("addLabelIds", List.of("STARRED")));
        google.failOnly = "m-1";
        google.failure = googleError(403, "insufficientPermissions", "Request had insufficient authentication "
                + "scopes.");

        runOnce();

        assertThat(harness.ledger.states.get(state.key()).status()).isEqualTo(SyncStatus.IDLE);
        assertThat(reread(refused).state()).isEqualTo(OperationState.FAILED);
        assertThat(reread(refused).lastError()).contains("insufficientPermissions").contains("re-link");
        assertThat(reread(next).state()).isEqualTo(OperationState.APPLIED);
        assertThat(order).containsExactly("send m-1", "send m-2", "sync");
    }

    private OutboundOperation record(String messageId, Map<String, Object> fields) {
        String key = "key-" + messageId;
        return harness.ledger.transactions.execute(tx -> {
            OutboundOperation op = outbox.record(new NewOperation(state.userId(), state.key().connectionId(),
                    Source.GMAIL, OperationKind.UPDATE, null, messageId, null, null, fields, null, key,
                    key.getBytes(StandardCharsets.UTF_8), harness.ledger.clock.instant())).operation();
            outbox.markSourcePending(state.key());
            return op;
        });
    }

    private OutboundOperation reread(OutboundOperation op) {
        return outbox.find(op.userId(), op.id()).orElseThrow();
    }

    private void runOnce() {
        queue.enqueue(state.key(), SyncTrigger.MANUAL, SyncMode.FULL, harness.ledger.clock.instant());
        List<ClaimedJob> claimed = queue.claim("w1", 1, Duration.ofSeconds(60));
        assertThat(claimed).hasSize(1);
        runner.run(new RunningSync(claimed.get(0), () -> false));
    }

    private OutboxStore counting(OutboxStore target) {
        return (OutboxStore) Proxy.newProxyInstance(OutboxStore.class.getClassLoader(),
                new Class<?>[] {OutboxStore.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("record") && !method.getName().equals("markSourcePending")
                            && !method.getName().equals("find")) {
                        outboxCalls.incrementAndGet(); // the worker's calls, not the test's own
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static GoogleJsonResponseException googleError(int status, String reason, String message) {
        GoogleJsonError details = new GoogleJsonError();
        details.setCode(status);
        details.setMessage(message);
        GoogleJsonError.ErrorInfo info = new GoogleJsonError.ErrorInfo();
        info.setReason(reason);
        info.setMessage(message);
        details.setErrors(List.of(info));
        return new GoogleJsonResponseException(new HttpResponseException.Builder(status, message, new HttpHeaders()),
                details);
    }

    /** Google as a script: answers a label change with the message at historyId h-n, or throws what it is told. */
    private final class ScriptedWriter implements OutboundWriter {
        volatile IOException failure;
        volatile String failOnly;
        private final AtomicInteger history = new AtomicInteger();

        @Override
        public Source source() {
            return Source.GMAIL;
        }

        @Override
        public ItemTable table() {
            return SyncedTables.GMAIL_MESSAGE;
        }

        @Override
        public Optional<List<String>> key(OutboundOperation operation) {
            return Optional.of(List.of(operation.itemId()));
        }

        @Override
        public GoogleCopy send(OutboundOperation operation, Optional<StoredRow> stored, String version)
                throws IOException {
            order.add("send " + operation.itemId());
            if (failure != null && (failOnly == null || failOnly.equals(operation.itemId()))) {
                throw failure;
            }
            String historyId = "h-" + history.incrementAndGet();
            return new GoogleCopy(SyncedItem.live(List.of(operation.itemId()),
                    Map.of("history_id", historyId, "label_ids", List.of("STARRED")),
                    "{\"id\":\"" + operation.itemId() + "\",\"historyId\":\"" + historyId + "\"}"), historyId, null);
        }

        @Override
        public Optional<GoogleCopy> landed(OutboundOperation operation, Optional<StoredRow> stored) {
            return Optional.empty();
        }

        @Override
        public Optional<GoogleCopy> current(OutboundOperation operation) {
            return Optional.empty();
        }

        @Override
        public boolean isStaleVersion(GoogleJsonResponseException e) {
            return false;
        }

        @Override
        public String versionOf(StoredRow stored) {
            return null;
        }

        @Override
        public boolean detectsConflicts() {
            return false;
        }
    }
}
