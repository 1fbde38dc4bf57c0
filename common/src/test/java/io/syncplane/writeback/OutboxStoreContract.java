package io.syncplane.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplane.connection.GoogleConnection;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link OutboxStore} promises; an implementation's test supplies the store and a linked account. */
abstract class OutboxStoreContract {

    protected abstract OutboxStore store();

    protected abstract MutableClock clock();

    /** A new user with one connection whose sync_state rows exist. */
    protected abstract GoogleConnection newConnection();

    /** The source's outbox_pending_since, read straight from the ledger. */
    protected abstract Instant pendingMarker(SyncKey key);

    private NewOperation task(GoogleConnection c, String key, String title) {
        return new NewOperation(c.userId(), c.id(), Source.TASKS, OperationKind.CREATE, "list-1", null, null, null,
                Map.of("title", title), null, key, title.getBytes(StandardCharsets.UTF_8), clock().instant());
    }

    @Test
    void a_recorded_operation_is_pending_due_now_and_readable_by_its_user_only() {
        GoogleConnection c = newConnection();
        OutboxStore.Recorded recorded = store().record(task(c, "k1", "Buy milk"));

        OutboundOperation op = recorded.operation();
        assertThat(recorded.created()).isTrue();
        assertThat(op.state()).isEqualTo(OperationState.PENDING);
        assertThat(op.attempts()).isZero();
        assertThat(op.fields()).containsEntry("title", "Buy milk");
        assertThat(op.submittedAt()).isEqualTo(clock().instant());
        assertThat(store().find(c.userId(), op.id())).contains(op);
        assertThat(store().find(c.userId() + 10_000, op.id())).isEmpty();
        assertThat(store().due(op.syncKey(), clock().instant(), 10)).containsExactly(op);
        assertThat(store().hasOpen(op.syncKey())).isTrue();
    }

    @Test
    void the_same_idempotency_key_returns_the_first_operation_and_a_different_operation_under_it_is_refused() {
        GoogleConnection c = newConnection();
        OutboundOperation first = store().record(task(c, "same", "A")).operation();

        OutboxStore.Recorded again = store().record(task(c, "same", "A"));
        assertThat(again.created()).isFalse();
        assertThat(again.operation().id()).isEqualTo(first.id());
        assertThat(store().recorded(c.userId(), "same", "A".getBytes(StandardCharsets.UTF_8))).contains(first);
        assertThat(store().recorded(c.userId(), "unknown", new byte[] {1})).isEmpty();
        assertThatThrownBy(() -> store().recorded(c.userId(), "same", new byte[] {1}))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThatThrownBy(() -> store().record(task(c, "same", "B")))
                .isInstanceOf(IdempotencyKeyReusedException.class)
                .hasMessageContaining("'same'");
        assertThat(store().due(first.syncKey(), clock().instant(), 10)).hasSize(1);
    }

    @Test
    void an_attempt_that_may_have_landed_stays_uncertain_until_it_is_applied_and_final_states_are_final() {
        GoogleConnection c = newConnection();
        OutboundOperation op = store().record(task(c, "k", "A")).operation();

        OutboundOperation sending = store().markSending(op);
        assertThat(sending.state()).isEqualTo(OperationState.SENDING);
        assertThat(sending.mayHaveLanded()).isTrue();
        assertThat(sending.attempts()).isEqualTo(1);

        Instant later = clock().instant().plus(Duration.ofSeconds(30));
        OutboundOperation retrying = store().retryLater(sending, "503 backendError", later, true);
        assertThat(retrying.state()).as("no definite answer: the next attempt finds out first")
                .isEqualTo(OperationState.SENDING);
        assertThat(retrying.lastError()).isEqualTo("503 backendError");
        assertThat(store().due(op.syncKey(), clock().instant(), 10)).isEmpty();
        assertThat(store().due(op.syncKey(), later, 10)).extracting(OutboundOperation::id).containsExactly(op.id());

        clock().advance(Duration.ofMinutes(1));
        OutboundOperation applied = store().markApplied(retrying, new OperationResult("task-9", "\"e1\"", 42L));
        assertThat(applied.state()).isEqualTo(OperationState.APPLIED);
        assertThat(applied.itemId()).isEqualTo("task-9");
        assertThat(applied.result()).isEqualTo(new OperationResult("task-9", "\"e1\"", 42L));
        assertThat(applied.finishedAt()).isEqualTo(clock().instant());
        assertThat(applied.lastError()).isNull();
        assertThat(store().hasOpen(op.syncKey())).isFalse();
        assertThatThrownBy(() -> store().markFailed(applied, "late")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_rate_limited_attempt_that_never_went_out_stays_pending() {
        GoogleConnection c = newConnection();
        OutboundOperation op = store().record(task(c, "k", "A")).operation();

        OutboundOperation waiting = store().retryLater(op, "429", clock().instant().plusSeconds(5), false);

        assertThat(waiting.state()).isEqualTo(OperationState.PENDING);
        assertThat(waiting.mayHaveLanded()).isFalse();
    }

    @Test
    void due_operations_come_oldest_first_per_source_and_finished_ones_drop_out() {
        GoogleConnection c = newConnection();
        OutboundOperation a = store().record(task(c, "a", "A")).operation();
        OutboundOperation b = store().record(task(c, "b", "B")).operation();
        OutboundOperation other = store().record(new NewOperation(c.userId(), c.id(), Source.GMAIL,
                OperationKind.UPDATE, null, "m1", null, 3L, Map.of("addLabelIds", List.of("STARRED")), null, "g",
                new byte[] {1}, clock().instant())).operation();

        store().markConflict(a, "Google's copy is newer");

        assertThat(store().due(new SyncKey(c.id(), Source.TASKS), clock().instant(), 10))
                .extracting(OutboundOperation::id).containsExactly(b.id());
        assertThat(store().due(new SyncKey(c.id(), Source.GMAIL), clock().instant(), 10))
                .extracting(OutboundOperation::id).containsExactly(other.id());
        assertThat(store().find(c.userId(), a.id()).orElseThrow().state()).isEqualTo(OperationState.CONFLICT);
    }

    @Test
    void conflicts_keep_both_versions_and_the_decision_newest_first() {
        GoogleConnection c = newConnection();
        OutboundOperation op = store().record(task(c, "k", "Mine")).operation();
        Instant googleTime = clock().instant().minusSeconds(60);

        WriteConflict first = store().recordConflict(new WriteConflict(0, op.id(), c.userId(), c.id(), Source.TASKS,
                "t1", ConflictPolicy.NEWER_WINS, WriteConflict.Decision.APPLICATION_WON, "ours is newer",
                Map.of("title", "Theirs"), googleTime, Map.of("title", "Mine"), op.modifiedAt(), null));
        WriteConflict second = store().recordConflict(new WriteConflict(0, op.id(), c.userId(), c.id(), Source.TASKS,
                "t1", ConflictPolicy.GOOGLE_WINS, WriteConflict.Decision.GOOGLE_WON, "policy", null, null,
                Map.of("title", "Mine"), op.modifiedAt(), null));

        assertThat(first.googleVersion()).containsEntry("title", "Theirs");
        assertThat(first.googleModifiedAt()).isEqualTo(googleTime);
        assertThat(first.detectedAt()).isEqualTo(clock().instant());
        assertThat(store().conflicts(c.userId(), null, 10)).extracting(WriteConflict::id)
                .containsExactly(second.id(), first.id());
        assertThat(store().conflicts(c.userId(), second.id(), 10)).extracting(WriteConflict::id)
                .containsExactly(first.id());
        assertThat(store().conflictsOf(op.id())).hasSize(2);
        assertThat(store().conflicts(c.userId() + 10_000, null, 10)).isEmpty();
    }

    @Test
    void the_pending_marker_is_cleared_only_when_unchanged_since_it_was_seen_and_nothing_is_open() {
        GoogleConnection c = newConnection();
        SyncKey key = new SyncKey(c.id(), Source.TASKS);
        OutboundOperation op = store().record(task(c, "k", "A")).operation();
        store().markSourcePending(key);
        Instant seen = pendingMarker(key);
        assertThat(seen).isNotNull();

        assertThat(store().clearSourcePending(key, seen)).as("the operation is still open").isFalse();
        store().markApplied(store().markSending(op), new OperationResult("t", "e", 1L));
        store().markSourcePending(key); // another operation recorded after the worker looked
        assertThat(pendingMarker(key)).isAfter(seen);
        assertThat(store().clearSourcePending(key, seen)).isFalse();

        assertThat(store().clearSourcePending(key, pendingMarker(key))).isTrue();
        assertThat(pendingMarker(key)).isNull();
    }
}
