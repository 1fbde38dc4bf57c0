package io.syncplane.api.connections;

import io.syncplane.api.auth.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Connections")
public class GoogleLinkingController {

    private final GoogleLinkingService linking;

    public GoogleLinkingController(GoogleLinkingService linking) {
        this.linking = linking;
    }

    /**
     * Starts linking a Google account: answers 302 to Google's consent page (offline access, the four read scopes,
     * PKCE, a signed state valid for 10 minutes). Send the user's browser there.
     */
    @GetMapping("/v1/users/{userId}/connections/google/authorize")
    @ResponseStatus(HttpStatus.FOUND)
    @ApiResponse(responseCode = "302", description = "To Google's consent page")
    public ResponseEntity<Void> authorize(@Parameter(hidden = true) Caller caller, @PathVariable long userId,
                                          @RequestParam String redirectUri,
                                          @RequestParam(required = false) String loginHint) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(linking.consentUrl(caller, userId, redirectUri, Optional.ofNullable(loginHint))).build();
    }

    /**
     * Where Google sends the browser back: links the account and answers 302 to the application's redirectUri with
     * {@code connectionId=N}, or with {@code error=...} when the user declined or Google refused. No API key: the
     * signed state identifies the flow.
     */
    @GetMapping("/v1/oauth/google/callback")
    @SecurityRequirements
    @ResponseStatus(HttpStatus.FOUND)
    @ApiResponse(responseCode = "302", description = "Back to the application's redirectUri")
    @ApiResponse(responseCode = "400", description = "A state that does not verify (tampered, expired, missing)")
    public ResponseEntity<Void> callback(@RequestParam(required = false) String code,
                                         @RequestParam(required = false) String state,
                                         @RequestParam(required = false) String error) {
        return ResponseEntity.status(HttpStatus.FOUND).location(linking.complete(code, state, error)).build();
    }
}
