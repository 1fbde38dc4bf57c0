package io.syncplane.ledger;

import static io.syncplane.ledger.SyncEvent.CHECKPOINT;
import static io.syncplane.ledger.SyncEvent.CLEAR_CURSOR;
import static io.syncplane.ledger.SyncEvent.COMPLETE;
import static io.syncplane.ledger.SyncEvent.DISABLE;
import static io.syncplane.ledger.SyncEvent.ENABLE;
import static io.syncplane.ledger.SyncEvent.FAIL;
import static io.syncplane.ledger.SyncEvent.RATE_LIMIT;
import static io.syncplane.ledger.SyncEvent.REAUTHORIZE;
import static io.syncplane.ledger.SyncEvent.RECOVER_INTERRUPTED;
import static io.syncplane.ledger.SyncEvent.RELEASE;
import static io.syncplane.ledger.SyncEvent.REQUIRE_REAUTH;
import static io.syncplane.ledger.SyncEvent.SCHEDULE;
import static io.syncplane.ledger.SyncEvent.START;
import static io.syncplane.ledger.SyncStatus.DISABLED;
import static io.syncplane.ledger.SyncStatus.ERROR;
import static io.syncplane.ledger.SyncStatus.IDLE;
import static io.syncplane.ledger.SyncStatus.NEEDS_REAUTH;
import static io.syncplane.ledger.SyncStatus.RATE_LIMITED;
import static io.syncplane.ledger.SyncStatus.SYNCING;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every legal (status, event) pair and where it leads, in one table. Anything not listed is illegal and raises
 * {@link IllegalSyncTransitionException}; nothing is ever applied silently.
 */
public final class SyncStateMachine {

    private static final Map<SyncStatus, Map<SyncEvent, SyncStatus>> ALLOWED = new EnumMap<>(SyncStatus.class);

    static {
        for (SyncStatus waiting : new SyncStatus[] {IDLE, ERROR, RATE_LIMITED}) {
            allow(waiting, START, SYNCING);
            allow(waiting, CLEAR_CURSOR, waiting);
            allow(waiting, SCHEDULE, waiting);
            allow(waiting, REQUIRE_REAUTH, NEEDS_REAUTH);
            allow(waiting, DISABLE, DISABLED);
        }
        allow(SYNCING, CHECKPOINT, SYNCING);
        allow(SYNCING, CLEAR_CURSOR, SYNCING);
        allow(SYNCING, COMPLETE, IDLE);
        allow(SYNCING, FAIL, ERROR);
        allow(SYNCING, RATE_LIMIT, RATE_LIMITED);
        allow(SYNCING, RELEASE, IDLE);
        allow(SYNCING, RECOVER_INTERRUPTED, ERROR);
        allow(SYNCING, REQUIRE_REAUTH, NEEDS_REAUTH);
        allow(SYNCING, DISABLE, DISABLED);
        allow(NEEDS_REAUTH, REAUTHORIZE, IDLE);
        allow(NEEDS_REAUTH, CLEAR_CURSOR, NEEDS_REAUTH);
        allow(NEEDS_REAUTH, DISABLE, DISABLED);
        allow(DISABLED, ENABLE, IDLE);
    }

    private SyncStateMachine() {
    }

    private static void allow(SyncStatus from, SyncEvent event, SyncStatus to) {
        ALLOWED.computeIfAbsent(from, status -> new EnumMap<>(SyncEvent.class)).put(event, to);
    }

    public static Optional<SyncStatus> target(SyncStatus from, SyncEvent event) {
        return Optional.ofNullable(ALLOWED.getOrDefault(from, Map.of()).get(event));
    }

    public static boolean isAllowed(SyncStatus from, SyncEvent event) {
        return target(from, event).isPresent();
    }

    /** The status {@code event} leads to from {@code state}, or the exception saying why it cannot happen. */
    static SyncStatus next(SyncState state, SyncEvent event) {
        return target(state.status(), event)
                .orElseThrow(() -> new IllegalSyncTransitionException(state.key(), state.status(), event));
    }
}
