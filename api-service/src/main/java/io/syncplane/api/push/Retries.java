package io.syncplane.api.push;

import io.syncplane.api.web.ApiException;
import io.syncplane.ledger.StaleSyncStateException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;

/**
 * A ledger transition that loses an optimistic race marks the whole transaction rollback-only, so the transaction is
 * what gets retried. Races here end quickly (the state a worker takes becomes syncing, which a push does not write);
 * if they do not, 503 makes the sender deliver again later instead of the notification being dropped.
 */
final class Retries {

    private Retries() {
    }

    static <T> T onStaleState(int attempts, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (StaleSyncStateException e) {
                if (attempt >= attempts) {
                    throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                            "the source kept changing while the push was recorded; deliver it again");
                }
            }
        }
    }
}
