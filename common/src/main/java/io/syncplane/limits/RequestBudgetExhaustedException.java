package io.syncplane.limits;

import io.syncplane.sync.RateLimitedException;
import java.time.Instant;

/**
 * The user's own request budget (Syncplane's per-user limit, not Google's) has no permit within the maximum wait. The
 * sync stops where it is, keeps its last checkpoint and is deferred to {@link #retryAt()}; it counts as no failure.
 * A {@link RateLimitedException}, so code that already stops on a rate limit stops on this too.
 */
public final class RequestBudgetExhaustedException extends RateLimitedException {

    public RequestBudgetExhaustedException(long userId, String reason, Instant retryAt) {
        super("per-user request budget of user " + userId + " is spent (" + reason + "); next permit expected at "
                + retryAt, retryAt, null);
    }
}
