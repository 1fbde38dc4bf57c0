package io.syncplane.worker;

import io.syncplane.ledger.SyncState;
import io.syncplane.queue.ClaimedJob;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** One sync in flight on this worker: its queue lease, its ledger row, and why it should stop, if it should. */
final class RunningSync {

    private final ClaimedJob job;
    private final BooleanSupplier shuttingDown;
    private final BooleanSupplier anotherRunHere;
    private final AtomicBoolean leaseLost = new AtomicBoolean();
    private volatile boolean settling;
    private volatile SyncState started;

    RunningSync(ClaimedJob job, BooleanSupplier shuttingDown) {
        this(job, shuttingDown, () -> false);
    }

    RunningSync(ClaimedJob job, BooleanSupplier shuttingDown, BooleanSupplier anotherRunHere) {
        this.job = job;
        this.shuttingDown = shuttingDown;
        this.anotherRunHere = anotherRunHere;
    }

    /** Whether this worker is running the same key in another slot (possible only after the queue lost state). */
    boolean anotherRunHere() {
        return anotherRunHere.getAsBoolean();
    }

    ClaimedJob job() {
        return job;
    }

    /**
     * The ledger row of the run while it holds the ledger lease; null before it started and after it completed.
     * Heartbeats need only its run id and owner.
     */
    SyncState started() {
        return started;
    }

    void started(SyncState state) {
        this.started = state;
    }

    /**
     * The run completed in the ledger (its lease there is gone with it) but still holds its queue claim for the work
     * after the sync: heartbeats keep extending the queue lease only.
     */
    void completed() {
        this.started = null;
    }

    /**
     * The run is being settled in the queue: from here a heartbeat that finds the lease gone raced the settlement
     * (which ended the lease), and is not a lost run.
     */
    void settling() {
        this.settling = true;
    }

    boolean isSettling() {
        return settling;
    }

    void leaseLost() {
        leaseLost.set(true);
    }


    boolean stopRequested() {
        return leaseLost.get() || shuttingDown.getAsBoolean();
    }
}
