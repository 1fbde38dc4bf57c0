package io.syncplane.worker.push;

import com.google.api.services.gmail.model.WatchRequest;
import com.google.api.services.gmail.model.WatchResponse;
import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.metrics.SyncplaneMetrics;
import io.syncplane.push.PushProperties;
import java.io.IOException;
import java.time.Instant;

/** Gmail users.watch and users.stop for one connection's mailbox, through the real Gmail client. */
public final class GmailWatchCalls {

    private final GoogleClients clients;
    private final PushProperties properties;
    private final SyncplaneMetrics metrics;

    public GmailWatchCalls(GoogleClients clients, PushProperties properties) {
        this(clients, properties, SyncplaneMetrics.none());
    }

    /** Counts each registration (Gmail watches, Calendar channels) as syncplane_push_renewals_total. */
    public GmailWatchCalls(GoogleClients clients, PushProperties properties, SyncplaneMetrics metrics) {
        this.clients = clients;
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * Watches the mailbox (or re-watches it: Gmail keeps one watch per mailbox and a new call replaces it) and returns
     * Google's expiry. Costs 100 quota units.
     */
    public Instant watch(long connectionId) throws IOException {
        WatchRequest request = new WatchRequest().setTopicName(properties.gmailTopic());
        if (!properties.gmailLabelIds().isEmpty()) {
            request.setLabelIds(properties.gmailLabelIds()).setLabelFilterBehavior("INCLUDE");
        }
        boolean renewed = false;
        try {
            WatchResponse response = clients.gmail(connectionId).users().watch("me", request).execute();
            if (response.getExpiration() == null) {
                throw new IOException("Gmail watch answer for connection " + connectionId + " has no expiration");
            }
            renewed = true;
            return Instant.ofEpochMilli(response.getExpiration());
        } finally {
            metrics.pushRenewal(Source.GMAIL, renewed);
        }
    }

    /** Ends every watch on the mailbox. Costs 50 quota units. */
    public void stop(long connectionId) throws IOException {
        clients.gmail(connectionId).users().stop("me").execute();
    }
}
