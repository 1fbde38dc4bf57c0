package io.syncplane.writeback;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.google.GoogleErrors;
import io.syncplane.ledger.SyncState;
import io.syncplane.queue.BackoffPolicy;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedItem;
import io.syncplane.sync.RateLimitedException;
import io.syncplane.sync.ReauthorizationRequiredException;
import io.syncplane.sync.SyncSession;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a source's outbound operations to Google, oldest first, at the start of its sync and under its lease (so one
 * (connection, source) has one writer, paced like its reads). Each operation is marked sending (committed) before the
 * call, so a worker dying mid-call leaves it uncertain, and the next attempt first finds out whether it landed.
 * Google's answer is stored in the synced table with a new feed position and recorded as the echo fingerprint, in the
 * same transaction that marks the operation applied, so the feed and the receipt never disagree.
 *
 * <p>Failures: a rate limit (Google's or Syncplane's own budget) keeps the operation pending and ends the run as rate
 * limited; no definite answer keeps it uncertain and fails the run for the queue's backoff, until
 * {@link WriteSettings#maxAttempts} attempts, when it is failed for good; any other refusal fails that operation
 * with Google's reason, and the drain goes on with the next. Operations run in order: one waiting for a retry stops
 * the drain, so a later change to the same item cannot overtake it.
 */
public final class OutboundDrain {

    private static final Logger log = LoggerFactory.getLogger(OutboundDrain.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final OutboxStore outbox;
    private final PostgresItemStore items;
    private final StoredRows rows;
    private final OwnWrites ownWrites;
    private final TransactionTemplate transactions;
    private final BackoffPolicy backoff;
    private final WriteSettings settings;
    private final Clock clock;
    private final Map<Source, OutboundWriter> writers = new EnumMap<>(Source.class);
    private final JsonMapper json = JsonMapper.builder().build();

    public OutboundDrain(OutboxStore outbox, PostgresItemStore items, StoredRows rows, OwnWrites ownWrites,
                         TransactionTemplate transactions, BackoffPolicy backoff, WriteSettings settings, Clock clock,
                         List<OutboundWriter> writers) {
        this.outbox = outbox;
        this.items = items;
        this.rows = rows;
        this.ownWrites = ownWrites;
        this.transactions = transactions;
        this.backoff = backoff;
        this.settings = settings;
        this.clock = clock;
        for (OutboundWriter writer : writers) {
            if (this.writers.put(writer.source(), writer) != null) {
                throw new IllegalStateException("two outbound writers for " + writer.source());
            }
        }
    }

    /**
     * Sends what is due for the session's source. Costs nothing when the started row says nothing is pending.
     *
     * @throws RateLimitedException     Google or the request budget said wait; the operation stays pending
     * @throws OutboundSendException    no definite answer; the operation is retried with backoff
     * @throws ReauthorizationRequiredException the connection's grant is gone
     */
    public void drain(SyncSession session) throws OutboundSendException {
        SyncState started = session.state();
        Instant seen = started.outboxPendingSince();
        if (seen == null) {
            return;
        }
        SyncKey key = started.key();
        OutboundWriter writer = writers.get(key.source());
        if (writer == null) {
            log.warn("Outbound operations for {} wait: no writer for {}", key, key.source());
            return;
        }
        List<OutboundOperation> due;
        do {
            due = outbox.due(key, clock.instant(), settings.batch());
            for (OutboundOperation operation : due) {
                session.stopIfRequested();
                new Attempt(writer, operation).run();
            }
        } while (due.size() == settings.batch());
        outbox.clearSourcePending(key, seen);
    }

    /** One operation's way through the drain; {@link #operation} is its latest stored state. */
    private final class Attempt {
        private final OutboundWriter writer;
        private OutboundOperation operation;
        /** Whether some attempt may have landed without anyone having found out since. */
        private boolean uncertain;
        /** Whether this attempt has sent the operation itself (not only read to find out or to resolve). */
        private boolean reachedGoogle;

        Attempt(OutboundWriter writer, OutboundOperation operation) {
            this.writer = writer;
            this.operation = operation;
            this.uncertain = operation.mayHaveLanded();
        }

        void run() throws OutboundSendException {
            try {
                Optional<StoredRow> stored = writer.key(operation)
                        .flatMap(key -> rows.find(writer.table(), operation.connectionId(), key));
                if (operation.mayHaveLanded()) {
                    // finding out is an attempt too: a Google that keeps failing the check dead-letters it in time
                    operation = outbox.markSending(operation);
                    Optional<GoogleCopy> landed = writer.landed(operation, stored);
                    if (landed.isPresent()) {
                        log.info("Outbound operation {} had landed at Google before; not sending it again",
                                operation.id());
                        applied(landed.get());
                        return;
                    }
                    uncertain = false; // it had not (or, Gmail, sending again is harmless)
                }
                if (changedSinceBase(stored)) {
                    conflict(stored, "changed since version " + operation.baseVersion() + " (now "
                            + stored.get().changeSeq() + ")");
                    return;
                }
                send(stored, stored.map(writer::versionOf).orElse(null), true, !operation.mayHaveLanded());
            } catch (RateLimitedException e) {
                // refused before it was applied (our own request budget): only earlier attempts may have landed
                operation = outbox.retryLater(operation, e.getMessage(), e.retryAt(), uncertain);
                throw e;
            } catch (ReauthorizationRequiredException e) {
                // the token refresh failed, so nothing went out
                operation = outbox.retryLater(operation, e.getMessage(), clock.instant(), uncertain);
                throw e;
            } catch (OutboundSendException e) {
                throw e;
            } catch (Exception e) {
                failedAttempt(e);
            }
        }

        /**
         * Our copy moved on since the version the application read, by anything but an earlier operation of ours
         * (whose etag is then the stored one, so the precondition still guards against Google's changes).
         */
        private boolean changedSinceBase(Optional<StoredRow> stored) {
            return writer.detectsConflicts() && operation.kind() != OperationKind.CREATE && stored.isPresent()
                    && operation.baseVersion() != null && stored.get().changeSeq() > operation.baseVersion()
                    && !ownWrites.wroteVersion(operation, stored.get().changeSeq());
        }

        private void send(Optional<StoredRow> stored, String version, boolean mayConflict, boolean newAttempt)
                throws Exception {
            if (newAttempt) {
                operation = outbox.markSending(operation);
            }
            reachedGoogle = true;
            try {
                applied(writer.send(operation, stored, version));
            } catch (GoogleJsonResponseException e) {
                int status = e.getStatusCode();
                if (writer.detectsConflicts() && writer.isStaleVersion(e)) {
                    if (!mayConflict) {
                        throw new OutboundSendException("Google's copy of " + operation.itemId()
                                + " changed again while resolving a conflict", e);
                    }
                    conflict(stored, "Google's copy changed since the version the change was based on");
                } else if ((status == 404 || status == 410) && operation.kind() == OperationKind.DELETE) {
                    applied(GoogleCopy.gone(writer.key(operation).orElseThrow())); // already gone: as asked
                } else if ((status == 404 || status == 410) && operation.kind() == OperationKind.UPDATE
                        && stored.isPresent()) {
                    conflict(stored, "deleted at Google");
                } else {
                    throw e;
                }
            }
        }

        /**
         * Google's copy changed since the application read it: decide by the source's policy, record both versions,
         * then either keep Google's (stored: it is news) or send the change again over Google's current version.
         */
        private void conflict(Optional<StoredRow> stored, String detected) throws Exception {
            Optional<GoogleCopy> google = writer.current(operation);
            if (operation.kind() == OperationKind.DELETE && (google.isEmpty() || google.get().isGone())) {
                applied(GoogleCopy.gone(writer.key(operation).orElseThrow()));
                return;
            }
            ConflictPolicy policy = settings.policy(operation.source());
            ConflictRule.Verdict verdict = ConflictRule.decide(policy, operation, google);
            String reason = detected.equals(verdict.reason()) ? detected : detected + "; " + verdict.reason();
            WriteConflict conflict = new WriteConflict(0, operation.id(), operation.userId(),
                    operation.connectionId(), operation.source(), operation.itemId(), policy, verdict.decision(),
                    reason, google.filter(g -> !g.isGone()).map(g -> map(g.item().rawJson())).orElse(null),
                    google.map(GoogleCopy::modifiedAt).orElse(null), operation.fields(), operation.modifiedAt(),
                    clock.instant());
            if (verdict.decision() == WriteConflict.Decision.APPLICATION_WON) {
                outbox.recordConflict(conflict);
                // over Google's current copy: its version, and whatever else of it a writer sends along (People's
                // sources with their own etags)
                GoogleCopy current = google.get();
                send(Optional.of(new StoredRow(current.item().key(), current.item().rawJson(), 0, false)),
                        current.version(), false, true);
                return;
            }
            SyncedItem googles = google.map(GoogleCopy::item)
                    .orElseGet(() -> SyncedItem.deletedKey(writer.key(operation).orElseThrow()));
            transactions.executeWithoutResult(tx -> {
                outbox.recordConflict(conflict);
                items.write(writer.table(), operation.connectionId(), List.of(googles), null);
                operation = outbox.markConflict(operation, reason);
            });
            log.info("Outbound operation {} lost a conflict: {}", operation.id(), reason);
        }

        private void applied(GoogleCopy copy) {
            transactions.executeWithoutResult(tx -> {
                if (!copy.retired().isEmpty()) {
                    items.write(writer.table(), operation.connectionId(), copy.retired(), null);
                }
                Long version = items.recordOwnWrite(writer.table(), operation.connectionId(), copy.item(),
                        copy.version()).orElse(null);
                operation = outbox.markApplied(operation, new OperationResult(copy.itemId(), copy.version(),
                        version));
            });
        }

        private void failedAttempt(Exception error) throws OutboundSendException {
            Instant now = clock.instant();
            RateLimitedException rateLimited = GoogleErrors.rateLimitedOr(error, now, settings.rateLimitFallback())
                    instanceof RateLimitedException r ? r : null;
            if (rateLimited != null) {
                // Google refused this attempt: it did not land, but an earlier one still may have
                operation = outbox.retryLater(operation, rateLimited.getMessage(), rateLimited.retryAt(), uncertain);
                throw rateLimited;
            }
            String description = GoogleErrors.describe(error);
            if (!(error instanceof java.io.IOException) && !(error instanceof IllegalArgumentException)) {
                log.warn("Outbound operation {} failed unexpectedly", operation.id(), error);
            }
            Optional<GoogleJsonResponseException> answer = GoogleErrors.response(error);
            // Google's 4xx, or an operation Syncplane itself cannot send (a writer's IllegalArgumentException)
            boolean definite = answer.map(e -> e.getStatusCode() < 500)
                    .orElse(error instanceof IllegalArgumentException);
            if (definite) {
                String reason = answer.map(e -> refusal(e, description)).orElse(description);
                log.warn("Outbound operation {} refused: {}", operation.id(), reason);
                operation = outbox.markFailed(operation, reason);
                return;
            }
            if (operation.attempts() >= settings.maxAttempts()) {
                String reason = "dead-lettered after " + operation.attempts() + " attempts: " + description;
                log.warn("Outbound operation {} {}", operation.id(), reason);
                operation = outbox.markFailed(operation, reason);
                return;
            }
            Instant retryAt = backoff.nextAttemptAt(Math.max(1, operation.attempts()), now,
                    GoogleErrors.explicitRetryAt(error, now));
            // no definite answer: this attempt may have landed, if it got as far as Google; when it failed while
            // finding out, the earlier one still may have
            operation = outbox.retryLater(operation, description, retryAt, uncertain || reachedGoogle);
            throw new OutboundSendException("outbound operation " + operation.id() + " (attempt "
                    + operation.attempts() + ") got no definite answer, retrying at " + retryAt + ": "
                    + description, error);
        }

        private String refusal(GoogleJsonResponseException e, String description) {
            if (e.getStatusCode() == 403 && GoogleErrors.reason(e).filter("insufficientPermissions"::equals)
                    .isPresent()) {
                return description + " (the connection was granted read-only access: re-link it with the write "
                        + "scopes to send changes)";
            }
            return description;
        }
    }

    private Map<String, Object> map(String raw) {
        return raw == null ? null : json.readValue(raw, MAP);
    }
}
