package io.syncplane.ledger;

/** What can happen to a sync state; {@link SyncStateMachine} says in which status each is allowed. */
public enum SyncEvent {
    START,
    CHECKPOINT,
    CLEAR_CURSOR,
    COMPLETE,
    FAIL,
    RATE_LIMIT,
    RELEASE,
    RECOVER_INTERRUPTED,
    REQUIRE_REAUTH,
    REAUTHORIZE,
    SCHEDULE,
    DISABLE,
    ENABLE
}
