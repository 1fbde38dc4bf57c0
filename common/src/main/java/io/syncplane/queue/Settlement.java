package io.syncplane.queue;

/** How a lease ended. */
public enum Settlement {
    /** Success, nothing pending: the entry is gone. */
    DONE,
    /** Success, and a trigger arrived meanwhile: the entry waits again for exactly one more run. */
    REQUEUED,
    /** Success, nothing pending: the entry waits, scheduled, for the source's next run. */
    SCHEDULED,
    /** Failure: waits until the retry time. */
    RETRY_SCHEDULED,
    /** Failure number N in a row: in the dead-letter set with its last error. */
    DEAD_LETTERED,
    /** Rate limited by Google: waits until the given time, no failure counted. */
    DEFERRED,
    /** Handed back unrun (graceful shutdown): waits again, nothing counted. */
    RELEASED,
    /**
     * The lease is not this worker's any more (it expired and was reclaimed, or the queue was flushed): nothing was
     * changed, and the worker must not record the run's result as current.
     */
    LEASE_LOST
}
