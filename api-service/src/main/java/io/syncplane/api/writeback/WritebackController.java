package io.syncplane.api.writeback;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.syncplane.api.auth.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Write-back")
public class WritebackController {

    private final UploadService uploads;
    private final OutboundQueries queries;

    public WritebackController(UploadService uploads, OutboundQueries queries) {
        this.uploads = uploads;
        this.queries = queries;
    }

    /**
     * Changes for Google, the write counterpart of the change feed: recorded at once, sent by a worker under the
     * user's request budget, each followed at its status URL and, once Google accepted it, in the change feed.
     */
    @PostMapping("/v1/users/{userId}/changes")
    @ApiResponse(responseCode = "202", description = "Recorded; one status per operation, in request order")
    @ApiResponse(responseCode = "400", description = "An operation is malformed; nothing was recorded")
    @ApiResponse(responseCode = "404", description = "The user, a connection or a named item is unknown")
    @ApiResponse(responseCode = "409", description = "mass-delete-refused, idempotency-key-reused, item-deleted,"
            + " or source-cannot-write (disabled, needs re-authorisation); nothing was recorded")
    public ResponseEntity<UploadResult> upload(@Parameter(hidden = true) Caller caller, @PathVariable long userId,
                                               @RequestBody UploadRequest request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(uploads.upload(caller, userId, request));
    }

    @GetMapping("/v1/users/{userId}/changes/outbound/{operationId}")
    public OperationView operation(@Parameter(hidden = true) Caller caller, @PathVariable long userId,
                                   @PathVariable long operationId) {
        return queries.operation(caller, userId, operationId);
    }

    /** The user's write conflicts, newest first. */
    @GetMapping("/v1/users/{userId}/conflicts")
    public OutboundQueries.ConflictsPage conflicts(@Parameter(hidden = true) Caller caller,
                                                   @PathVariable long userId,
                                                   @RequestParam(required = false) Long before,
                                                   @RequestParam(required = false) Integer limit) {
        return queries.conflicts(caller, userId, before, limit);
    }
}
