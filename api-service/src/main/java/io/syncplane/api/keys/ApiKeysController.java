package io.syncplane.api.keys;

import io.syncplane.api.auth.ApiKeys;
import io.syncplane.api.auth.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Positive;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.ResponseStatus;

@RestController
@RequestMapping("/v1/api-keys")
@Tag(name = "API keys")
public class ApiKeysController {

    private final ApiKeys keys;

    public ApiKeysController(ApiKeys keys) {
        this.keys = keys;
    }

    /** @param userId the user the key acts for; omitted: an operator key */
    public record IssueRequest(@Positive Long userId) {
    }

    /** Issues a key (operators only). The key is in this answer only; Syncplane keeps just its hash. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<ApiKeys.IssuedKey> issue(@Parameter(hidden = true) Caller caller,
                                                   @jakarta.validation.Valid @RequestBody(required = false)
                                                   IssueRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(keys.issue(caller, request == null ? null : request.userId()));
    }

    @DeleteMapping("/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> revoke(@Parameter(hidden = true) Caller caller, @PathVariable long keyId) {
        keys.revoke(caller, keyId);
        return ResponseEntity.noContent().build();
    }
}
