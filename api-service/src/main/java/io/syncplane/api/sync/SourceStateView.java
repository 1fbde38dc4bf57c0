package io.syncplane.api.sync;

import io.syncplane.ledger.SyncRun;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStatus;
import java.time.Instant;

/**
 * Where one source of one connection stands, as the API shows it.
 *
 * @param nextRunMode          what the next (or the running) sync will be: full when there is no cursor
 * @param forcedFullResync     an operator asked for a full resync that may delete beyond the safety valve
 * @param needsReauthorization Google refused the grant; the user must link the account again
 * @param running              progress of the sync in progress, null when none runs
 * @param push                 how the source learns about changes: by push from Google, or by polling
 */
public record SourceStateView(
        long connectionId,
        String source,
        String status,
        Instant lastSyncAt,
        Instant lastSuccessfulSyncAt,
        Instant nextSyncAt,
        long itemsLastRun,
        long itemsTotal,
        int consecutiveErrors,
        String lastError,
        Instant lastErrorAt,
        Instant rateLimitedUntil,
        boolean needsReauthorization,
        String nextRunMode,
        boolean forcedFullResync,
        Progress running,
        Push push) {

    /**
     * Push status of one source.
     *
     * @param status             active (a live channel heard from recently: changes arrive within seconds, polls are
     *                           a safety net), degraded (no live channel, or it went silent while changes happened:
     *                           polled every few minutes until push recovers), disconnected (the account needs
     *                           re-authorisation or the source is disabled), polled (no push: Contacts and Tasks have
     *                           none at Google, or push is off)
     * @param channelExpiresAt   when the live channel expires at Google (renewed before then); with several calendars
     *                           the soonest of them; null without a live channel
     * @param lastNotificationAt the newest notification received on a live channel, null if none yet
     */
    public record Push(String status, Instant channelExpiresAt, Instant lastNotificationAt) {
    }

    /**
     * @param pages          pages the run has committed so far
     * @param itemsExamined  items the run has fetched and compared so far, changed or not: how far it is (the
     *                       added/updated/deleted counts are what it changed)
     * @param estimatedTotal Google's estimate of the items a full sync will see, where it gives one
     * @param checkpointAt   when the run last committed a page; a stalled run shows an old value here
     */
    public record Progress(Long runId, String mode, String trigger, String workerId, Instant startedAt,
                           Instant leaseExpiresAt, String phase, int pages, long itemsExamined, long itemsAdded,
                           long itemsUpdated, long itemsDeleted, Long estimatedTotal, Instant checkpointAt) {
    }

    public static SourceStateView of(SyncState state, SyncRun currentRun, Push push) {
        Progress progress = null;
        if (state.status() == SyncStatus.SYNCING) {
            var checkpoint = state.checkpoint();
            progress = new Progress(state.currentRunId(),
                    currentRun == null ? state.modeOfNextRun().id() : currentRun.mode().id(),
                    currentRun == null ? null : currentRun.trigger().id(),
                    state.lease().owner(),
                    currentRun == null ? null : currentRun.startedAt(),
                    state.lease().expiresAt(),
                    checkpoint == null ? null : checkpoint.phase(),
                    currentRun == null ? 0 : currentRun.pages(),
                    checkpoint == null ? 0 : checkpoint.examined(),
                    checkpoint == null ? 0 : checkpoint.counts().added(),
                    checkpoint == null ? 0 : checkpoint.counts().updated(),
                    checkpoint == null ? 0 : checkpoint.counts().deleted(),
                    checkpoint == null ? null : checkpoint.estimatedTotal(),
                    checkpoint == null ? null : checkpoint.at());
        }
        return new SourceStateView(state.key().connectionId(), state.key().source().id(), state.status().id(),
                state.lastSyncAt(), state.lastSuccessfulSyncAt(), state.nextSyncAt(), state.itemsLastRun(),
                state.itemsTotal(), state.consecutiveErrors(), state.lastError(), state.lastErrorAt(),
                state.rateLimitedUntil(), state.status() == SyncStatus.NEEDS_REAUTH, state.modeOfNextRun().id(),
                state.forceFullSync(), progress, push);
    }
}
