package io.syncplane.ledger;

import io.syncplane.domain.SyncKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads and prunes the sync run log; runs are written by {@link SyncStateStore} transitions. */
public interface SyncRunStore {

    Optional<SyncRun> find(long runId);

    /** The latest runs of one sync, newest first. */
    List<SyncRun> recent(SyncKey key, int limit);

    /** Deletes at most {@code batchSize} runs that started before {@code cutoff}; returns how many it deleted. */
    int pruneStartedBefore(Instant cutoff, int batchSize);
}
