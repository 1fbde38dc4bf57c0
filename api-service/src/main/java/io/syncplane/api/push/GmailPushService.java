package io.syncplane.api.push;

import io.syncplane.api.auth.Caller;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.api.push.GmailPushParser.GmailNotification;
import io.syncplane.api.sync.Retries;
import io.syncplane.api.web.ApiException;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.ledger.SyncState;
import io.syncplane.push.PushChannelStore;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Gmail Pub/Sub push: verify who sent it, read which mailbox changed, and for each active connection of that
 * mailbox record the push (the push status reads it) and trigger a sync. Only writes, no Google calls: Pub/Sub
 * redelivers whatever is not acknowledged within its deadline (10 s by default), so the answer must be quick.
 *
 * <p>A push for an account nobody has linked (or whose connection is removed) is acknowledged and logged, not
 * refused: Pub/Sub redelivers every non-2xx answer until the message expires (7 days), so a refusal would only make
 * it knock again, and there is nothing a retry could change.
 */
public final class GmailPushService {

    private static final Logger log = LoggerFactory.getLogger(GmailPushService.class);
    /** Pushes belong to no API key; they act as the operator role, which row-level security lets see every row. */
    static final Caller WEBHOOK = Caller.operator(null);
    private static final int ATTEMPTS = 5;

    private final Optional<PubSubTokenVerifier> tokens;
    private final GmailPushParser parser;
    private final CallerTransactions transactions;
    private final PushedAccounts accounts;
    private final PushChannelStore channels;
    private final PushSyncTrigger triggers;
    private final Clock clock;

    public GmailPushService(Optional<PubSubTokenVerifier> tokens, GmailPushParser parser, CallerTransactions transactions,
                            PushedAccounts accounts, PushChannelStore channels, PushSyncTrigger triggers,
                            Clock clock) {
        this.tokens = tokens;
        this.parser = parser;
        this.transactions = transactions;
        this.accounts = accounts;
        this.channels = channels;
        this.triggers = triggers;
        this.clock = clock;
    }

    /**
     * Throws 401/403 for a token that does not verify, 400 for a malformed body, 404 when this server takes no Gmail
     * pushes (no audience or service account configured: no token could be checked); otherwise handles the push.
     *
     * @return whether the push triggered a sync (false: acknowledged, nothing to do)
     */
    public boolean receive(String authorization, byte[] body) {
        PubSubTokenVerifier verifier = tokens.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "push-not-configured", "this server takes no Gmail pushes (syncplane.push.enabled, push-audience and"
                + " push-service-account are not all set)"));
        verifier.verify(authorization); // before the body is parsed: an unauthenticated caller learns nothing
        GmailNotification notification = parser.parse(body);
        List<PushSyncTrigger.Due> due = Retries.onStaleState(ATTEMPTS, () -> transactions.write(WEBHOOK,
                () -> record(notification)), PushSyncTrigger::redeliverLater);
        due.forEach(triggers::enqueue);
        return !due.isEmpty();
    }

    private List<PushSyncTrigger.Due> record(GmailNotification notification) {
        List<Long> connections = accounts.activeConnections(notification.emailAddress());
        if (connections.isEmpty()) {
            log.info("Gmail push {} for {}, which no active connection links; acknowledged",
                    notification.messageId(), notification.emailAddress());
            return List.of();
        }
        Instant now = clock.instant();
        List<PushSyncTrigger.Due> due = new ArrayList<>();
        for (long connectionId : connections) {
            channels.recordGmailNotification(connectionId, now);
            triggers.prepare(new SyncKey(connectionId, Source.GMAIL),
                    state -> covers(state, notification.historyId())).ifPresent(due::add);
        }
        return due;
    }

    /**
     * The copy already has the change when its cursor (the mailbox's history id at the last sync) is at or past the
     * push's: redeliveries and pushes overtaken by a sync then cost nothing.
     */
    static boolean covers(SyncState state, BigInteger historyId) {
        if (state.cursor() == null || !state.cursor().matches("[0-9]{1,20}")) {
            return false;
        }
        return new BigInteger(state.cursor()).compareTo(historyId) >= 0;
    }
}
