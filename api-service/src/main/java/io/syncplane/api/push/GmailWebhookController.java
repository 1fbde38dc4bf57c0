package io.syncplane.api.push;

import io.syncplane.domain.Source;
import io.syncplane.metrics.SyncplaneMetrics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Gmail's Pub/Sub push subscription delivers here. */
@RestController
@Tag(name = "Webhooks")
public class GmailWebhookController {

    private final GmailPushService pushes;
    private final WebhookMeter meter;

    public GmailWebhookController(GmailPushService pushes, SyncplaneMetrics metrics) {
        this.pushes = pushes;
        this.meter = new WebhookMeter(metrics, Source.GMAIL);
    }

    /**
     * The body is taken as bytes, not bound to a type: the API's strict JSON binding would refuse the fields Pub/Sub
     * adds, and the parser gives the 400s their meaning.
     */
    @PostMapping("/webhooks/google/gmail")
    @SecurityRequirements
    @Operation(summary = "Gmail push (Pub/Sub push subscription)", description = "Authenticated by the OIDC token"
            + " Pub/Sub sends (Authorization: Bearer): RS256 against Google's keys, issuer accounts.google.com,"
            + " audience syncplane.push.push-audience, email syncplane.push.push-service-account. Records the push"
            + " and makes the mailbox's Gmail source sync now. A push for an account no active connection links is"
            + " acknowledged (204) too: Pub/Sub would redeliver anything else for days.")
    @ApiResponse(responseCode = "204", description = "Acknowledged: a sync is triggered, or none is needed")
    @ApiResponse(responseCode = "400", description = "Not a Pub/Sub envelope with a Gmail notification in message.data")
    @ApiResponse(responseCode = "401", description = "Missing, forged, expired token, or wrong audience or issuer")
    @ApiResponse(responseCode = "403", description = "A valid Google token from another service account")
    @ApiResponse(responseCode = "404", description = "This server takes no Gmail pushes (not configured)")
    @ApiResponse(responseCode = "413", description = "Body over the size limit")
    @ApiResponse(responseCode = "503", description = "Postgres or Google's token keys unavailable; Pub/Sub retries")
    public ResponseEntity<Void> gmail(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                      String authorization,
                                      @RequestBody(required = false) byte[] body) {
        meter.count(() -> pushes.receive(authorization, body));
        return ResponseEntity.noContent().build();
    }
}
