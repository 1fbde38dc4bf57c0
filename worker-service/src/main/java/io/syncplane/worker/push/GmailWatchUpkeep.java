package io.syncplane.worker.push;

import io.syncplane.ledger.SyncState;
import io.syncplane.push.NewPushChannel;
import io.syncplane.push.PushChannel;
import io.syncplane.push.PushChannelStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps one live Gmail watch per mailbox. A re-watch replaces the watch at Google in place (Gmail holds one per
 * mailbox), so renewal is the same call as registration: the new row is stored and the old one marked stopped in one
 * transaction. Pub/Sub pushes name the mailbox, not the watch, so no notification is refused in between.
 */
public final class GmailWatchUpkeep {

    private static final Logger log = LoggerFactory.getLogger(GmailWatchUpkeep.class);

    private final GmailWatchCalls calls;
    private final PushChannelStore store;
    private final ChannelSecrets secrets;
    private final RenewalPolicy renewal;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public GmailWatchUpkeep(GmailWatchCalls calls, PushChannelStore store, ChannelSecrets secrets,
                            RenewalPolicy renewal, TransactionTemplate transactions, Clock clock) {
        this.calls = calls;
        this.store = store;
        this.secrets = secrets;
        this.renewal = renewal;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Watches when there is no live watch, the watch is due for renewal, or {@code replaceSilent} says the live one has
     * gone silent while mail keeps changing.
     */
    public void maintain(SyncState state, List<PushChannel> active, boolean replaceSilent) throws IOException {
        Instant now = clock.instant();
        PushChannel current = active.stream().filter(channel -> channel.isLiveAt(now)).findFirst().orElse(null);
        String reason = current == null ? "no live watch"
                : renewal.gmailDue(current, now) ? "renewal due"
                : replaceSilent ? "silent watch" : null;
        if (reason == null) {
            return;
        }
        long connectionId = state.key().connectionId();
        Instant expiresAt;
        try {
            expiresAt = calls.watch(connectionId);
        } catch (IOException | RuntimeException e) {
            if (ChannelStopper.isGone(e)) {
                // Google says there is nothing to watch any more: whatever we hold is gone with it, so the source
                // shows degraded and the next run registers afresh
                active.forEach(old -> store.markStopped(old.id()));
            }
            throw e;
        }
        PushChannel stored = transactions.execute(tx -> {
            active.forEach(old -> store.markStopped(old.id()));
            return store.insert(NewPushChannel.gmailWatch(connectionId, state.userId(),
                    secrets.gmailChannelId(connectionId), expiresAt));
        });
        log.info("Gmail watch for connection {} ({}): {} until {}", connectionId, reason, stored.channelId(),
                expiresAt);
    }
}
