package io.syncplane.api.sync;

import io.syncplane.api.auth.Caller;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.domain.SyncKey;
import io.syncplane.ledger.SyncRunStore;
import java.util.List;

public final class SyncStateService {

    private final CallerTransactions transactions;
    private final SourceStates views;
    private final SyncRunStore runs;

    public SyncStateService(CallerTransactions transactions, SourceStates views, SyncRunStore runs) {
        this.transactions = transactions;
        this.views = views;
        this.runs = runs;
    }

    public SourceStateView source(Caller caller, SyncKey key) {
        return transactions.read(caller, () -> views.view(views.require(key)));
    }

    public List<RunView> runs(Caller caller, SyncKey key, int limit) {
        return transactions.read(caller, () -> {
            views.require(key);
            return runs.recent(key, limit).stream().map(RunView::of).toList();
        });
    }
}
