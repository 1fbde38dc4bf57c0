package io.syncplane.api.status;

import io.syncplane.api.auth.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The JSON the status page ({@code /status}) reads; behind the API key like every {@code /v1} endpoint. */
@RestController
@Tag(name = "Status page")
public class StatusController {

    private final StatusService status;

    public StatusController(StatusService status) {
        this.status = status;
    }

    /** Who the key acts for: an operator, or the user of a user key. */
    @GetMapping("/v1/status")
    public StatusViews.Session session(@Parameter(hidden = true) Caller caller) {
        return status.session(caller);
    }

    /**
     * Per linked account and source: a badge (active, degraded, disconnected), the last sync, a full sync's progress,
     * the last error in words, whether push fell back to polling, and a reconnect link where re-authorisation is due.
     *
     * @param returnTo where the reconnect link brings the user back (default: this service's {@code /status})
     */
    @GetMapping("/v1/users/{userId}/status")
    @ApiResponse(responseCode = "400", description = "returnTo is not an absolute http(s) URI without fragment")
    public StatusViews.UserStatus user(@Parameter(hidden = true) Caller caller, @PathVariable long userId,
                                       @RequestParam(required = false) String returnTo) {
        return status.user(caller, userId, returnTo != null ? returnTo
                : ServletUriComponentsBuilder.fromCurrentContextPath().path("/status").toUriString());
    }

    /** Operators: sources per badge and status, the worst sources, dead letters, the JobRunr dashboard's address. */
    @GetMapping("/v1/status/overview")
    @ApiResponse(responseCode = "403", description = "Not an operator key")
    public StatusViews.Overview overview(@Parameter(hidden = true) Caller caller) {
        return status.overview(caller);
    }
}
