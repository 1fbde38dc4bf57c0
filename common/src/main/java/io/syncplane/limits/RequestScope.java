package io.syncplane.limits;

import io.syncplane.domain.Source;
import io.syncplane.sync.SyncSession;
import java.util.function.BooleanSupplier;

/**
 * Whose requests an API client sends, for the per-user budget: the connection (its user owns the budget), the source
 * (its weight), and whether the sync is backfilling right now. That is read per request, because a sync that starts
 * incremental can turn into a full one when its cursor has expired.
 */
public record RequestScope(long connectionId, Source source, BooleanSupplier backfilling) {

    /** The requests of a running sync: backfilling while it has no cursor (a full sync is under way). */
    public static RequestScope of(SyncSession session) {
        return new RequestScope(session.state().key().connectionId(), session.state().key().source(),
                () -> session.cursor().isEmpty());
    }

    /** Requests outside a sync (watch renewals, channel stops): small, and as urgent as incremental work. */
    public static RequestScope upkeep(long connectionId, Source source) {
        return new RequestScope(connectionId, source, () -> false);
    }
}
