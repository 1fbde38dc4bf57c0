package io.syncplane.api.push;

import io.syncplane.domain.Source;
import io.syncplane.metrics.SyncplaneMetrics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Calendar events.watch channels deliver here (the address Syncplane gives them: syncplane.push.calendar-webhook-url). */
@RestController
@Tag(name = "Webhooks")
public class CalendarWebhookController {

    private final CalendarPushService notifications;
    private final WebhookMeter meter;

    public CalendarWebhookController(CalendarPushService notifications, SyncplaneMetrics metrics) {
        this.notifications = notifications;
        this.meter = new WebhookMeter(metrics, Source.CALENDAR);
    }

    @PostMapping("/webhooks/google/calendar")
    @SecurityRequirements
    @Operation(summary = "Calendar channel notification", description = "Authenticated by the channel: its id must be"
            + " a live channel Syncplane created, with that channel's token and resource id. `sync` is acknowledged"
            + " without work; `exists` makes the connection's Calendar source sync now; a message number at or below"
            + " one already seen is a harmless duplicate (204, no sync).")
    @ApiResponse(responseCode = "204", description = "Acknowledged")
    @ApiResponse(responseCode = "400", description = "A required X-Goog-* header is missing or malformed")
    @ApiResponse(responseCode = "401", description = "X-Goog-Channel-Token missing or not the channel's")
    @ApiResponse(responseCode = "403", description = "X-Goog-Resource-ID is not the channel's resource")
    @ApiResponse(responseCode = "404", description = "No live channel with this id (unknown, stopped or expired)")
    @ApiResponse(responseCode = "503", description = "Postgres unavailable; Google retries 5xx")
    public ResponseEntity<Void> calendar(
            @RequestHeader(name = "X-Goog-Channel-ID", required = false) String channelId,
            @RequestHeader(name = "X-Goog-Channel-Token", required = false) String token,
            @RequestHeader(name = "X-Goog-Resource-ID", required = false) String resourceId,
            @RequestHeader(name = "X-Goog-Resource-State", required = false) String resourceState,
            @RequestHeader(name = "X-Goog-Message-Number", required = false) String messageNumber) {
        meter.count(() -> notifications.receive(
                CalendarNotification.of(channelId, token, resourceId, resourceState, messageNumber)));
        return ResponseEntity.noContent().build();
    }
}
