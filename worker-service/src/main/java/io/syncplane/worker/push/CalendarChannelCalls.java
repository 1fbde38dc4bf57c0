package io.syncplane.worker.push;

import com.google.api.services.calendar.model.Channel;
import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.metrics.SyncplaneMetrics;
import io.syncplane.push.PushProperties;
import java.io.IOException;
import java.time.Instant;

/** Calendar events.watch and channels.stop for one connection, through the real Calendar client. */
public final class CalendarChannelCalls {

    /** What Google answered to events.watch: what channels.stop needs later, and when the channel lapses. */
    public record OpenedChannel(String resourceId, Instant expiresAt) {
    }

    private final GoogleClients clients;
    private final PushProperties properties;
    private final SyncplaneMetrics metrics;

    public CalendarChannelCalls(GoogleClients clients, PushProperties properties) {
        this(clients, properties, SyncplaneMetrics.none());
    }

    /** Counts each registration (Gmail watches, Calendar channels) as syncplane_push_renewals_total. */
    public CalendarChannelCalls(GoogleClients clients, PushProperties properties, SyncplaneMetrics metrics) {
        this.clients = clients;
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * Opens a web_hook channel on the calendar's events to the configured webhook URL. No expiration is asked for:
     * Google's default (about a week) is what renewal is planned around.
     */
    public OpenedChannel open(long connectionId, String calendarId, String channelId, String token)
            throws IOException {
        Channel request = new Channel().setId(channelId).setType("web_hook")
                .setAddress(properties.calendarWebhookUrl().toString()).setToken(token);
        boolean renewed = false;
        try {
            Channel response = clients.calendar(connectionId).events().watch(calendarId, request).execute();
            if (response.getResourceId() == null || response.getExpiration() == null) {
                throw new IOException("Calendar watch answer for channel " + channelId
                        + " lacks resourceId/expiration");
            }
            renewed = true;
            return new OpenedChannel(response.getResourceId(), Instant.ofEpochMilli(response.getExpiration()));
        } finally {
            metrics.pushRenewal(Source.CALENDAR, renewed);
        }
    }

    public void stop(long connectionId, String channelId, String resourceId) throws IOException {
        clients.calendar(connectionId).channels().stop(new Channel().setId(channelId).setResourceId(resourceId))
                .execute();
    }
}
