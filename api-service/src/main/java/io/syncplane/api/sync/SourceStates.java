package io.syncplane.api.sync;

import io.syncplane.api.web.ApiException;
import io.syncplane.domain.SyncKey;
import io.syncplane.ledger.SyncRunStore;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateStore;
import java.util.List;

/** Reads ledger rows into views; call it inside a caller's transaction so row-level security applies. */
public final class SourceStates {

    private final SyncStateStore states;
    private final SyncRunStore runs;
    private final PushStatusView push;

    public SourceStates(SyncStateStore states, SyncRunStore runs, PushStatusView push) {
        this.states = states;
        this.runs = runs;
        this.push = push;
    }

    public SyncState require(SyncKey key) {
        return states.find(key).orElseThrow(() -> ApiException.notFound(
                "source " + key.source().id() + " of connection " + key.connectionId()));
    }

    public SourceStateView view(SyncState state) {
        return SourceStateView.of(state, state.currentRunId() == null ? null
                : runs.find(state.currentRunId()).orElse(null), push.of(state));
    }

    public List<SourceStateView> viewsOfConnection(long connectionId) {
        return states.findByConnection(connectionId).stream().map(this::view).toList();
    }
}
