package io.syncplane.api.push;

import io.syncplane.domain.Source;
import io.syncplane.metrics.SyncplaneMetrics;
import io.syncplane.metrics.SyncplaneMetrics.NotificationOutcome;
import java.util.function.BooleanSupplier;

/**
 * Counts each webhook delivery once as {@code syncplane_push_notifications_total{source, outcome}}: accepted when it
 * triggered a sync, ignored when it was acknowledged without one (an unlinked account, a change the copy already has,
 * a duplicate, a channel's sync message), rejected when it was answered with an error (refused as unauthenticated,
 * malformed or for an unknown channel, or not taken because a backend was away).
 */
final class WebhookMeter {

    private final SyncplaneMetrics metrics;
    private final Source source;

    WebhookMeter(SyncplaneMetrics metrics, Source source) {
        this.metrics = metrics;
        this.source = source;
    }

    void count(BooleanSupplier delivery) {
        boolean triggered;
        try {
            triggered = delivery.getAsBoolean();
        } catch (RuntimeException e) {
            metrics.pushNotification(source, NotificationOutcome.REJECTED);
            throw e;
        }
        metrics.pushNotification(source, triggered ? NotificationOutcome.ACCEPTED : NotificationOutcome.IGNORED);
    }
}
