package io.syncplane.queue;

/** What a trigger did to the queue. Every outcome but {@link #DEAD_LETTERED} means the trigger will be served. */
public enum EnqueueOutcome {
    /** A new waiting entry, due when asked. */
    ENQUEUED,
    /** A new waiting entry, but a run started less than the push debounce window ago: due when the window ends. */
    DEBOUNCED,
    /** Merged into an entry that was already waiting, or into the pending mark of a running job. */
    COALESCED,
    /** The job is running; it runs exactly once more right after (or once the debounce window ends). */
    MARKED_PENDING,
    /** Refused: the entry is in the dead-letter set until someone re-drives it. */
    DEAD_LETTERED
}
