package io.syncplane.api.sync;

import io.syncplane.api.web.ApiException;
import io.syncplane.ledger.StaleSyncStateException;
import java.util.function.Supplier;

/**
 * A ledger transition that loses an optimistic race marks the whole transaction rollback-only, so the transaction is
 * what gets retried; races with a worker end quickly (the state it takes becomes syncing, which a trigger does not
 * write). After the last attempt the caller's answer says what to do.
 */
public final class Retries {

    private Retries() {
    }

    public static <T> T onStaleState(int attempts, Supplier<T> transaction, Supplier<ApiException> exhausted) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (StaleSyncStateException e) {
                if (attempt >= attempts) {
                    throw exhausted.get();
                }
            }
        }
    }
}
