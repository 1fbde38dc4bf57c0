package io.syncplane.sync;

/** The worker is shutting down; the job stopped between pages and its run is handed back from the last checkpoint. */
public final class SyncStoppedException extends RuntimeException {

    public SyncStoppedException() {
        super("stopped for shutdown", null, false, false);
    }
}
