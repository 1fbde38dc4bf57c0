/**
 * Per-user limits on the requests Google sees, shared by every worker through Redis.
 *
 * <p>The queue's limiter meters sync <em>starts</em>; inside a sync a connector may send many requests. Every request
 * an API client built by {@link io.syncplane.google.GoogleClients} sends (a batch counts as one) first takes a permit
 * from {@link io.syncplane.limits.RequestPermits}: a token from the user's bucket (a steady rate and a burst) and a
 * slot under the user's in-flight cap. A request that cannot have one soon enough does not hold its worker: the sync
 * ends its run with {@link io.syncplane.limits.RequestBudgetExhaustedException} and is deferred, keeping its last
 * checkpoint, to when permits return.
 *
 * <p>The budget belongs to the application's user (all of their connections and sources share it). When several of a
 * user's requests wait, the one with the higher weight goes first: incremental work, which is what push triggers, goes
 * before a full sync's backfill by default, so a large initial sync cannot starve fresh changes for the same user.
 */
package io.syncplane.limits;
