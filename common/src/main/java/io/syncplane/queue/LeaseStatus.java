package io.syncplane.queue;

/** Answer to a heartbeat. */
public enum LeaseStatus {
    EXTENDED,
    /** Someone else may be running the job now: stop and do not write its result. */
    LOST
}
