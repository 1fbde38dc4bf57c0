package io.syncplane.api.sync;

import io.syncplane.api.auth.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.ResponseStatus;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

@RestController
@Tag(name = "Syncs")
public class SyncController {

    private final TriggerService triggers;
    private final BulkTriggerService bulk;
    private final SyncStateService states;

    public SyncController(TriggerService triggers, BulkTriggerService bulk, SyncStateService states) {
        this.triggers = triggers;
        this.bulk = bulk;
        this.states = states;
    }

    /** @param full force a full resync (also the operator's override of the mass-deletion safety valve) */
    public record TriggerRequest(Boolean full) {
        boolean isFull() {
            return Boolean.TRUE.equals(full);
        }
    }

    public record UserTriggerResult(List<TriggerResult> results) {
    }

    /** Syncs the source soon, through the interactive lane; 409 when it is disabled, needs re-auth or is dead. */
    @PostMapping("/v1/connections/{connectionId}/sources/{source}/sync")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "409", description = "Disabled, needs re-authorisation, or dead-lettered")
    public ResponseEntity<TriggerResult> trigger(@Parameter(hidden = true) Caller caller,
                                                 @PathVariable long connectionId, @PathVariable String source,
                                                 @RequestBody(required = false) TriggerRequest request) {
        boolean full = request != null && request.isFull();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(triggers.trigger(caller, Sources.key(connectionId, source), full));
    }

    /** Every source of every linked account of the user, contacts first. */
    @PostMapping("/v1/users/{userId}/sync")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ResponseEntity<UserTriggerResult> triggerUser(@Parameter(hidden = true) Caller caller,
                                                         @PathVariable long userId,
                                                         @RequestBody(required = false) TriggerRequest request) {
        boolean full = request != null && request.isFull();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new UserTriggerResult(triggers.triggerUser(caller, userId, full)));
    }

    /** Operators: trigger every source matching the filter. */
    @PostMapping("/v1/syncs")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ResponseEntity<BulkTriggerResult> triggerMany(@Parameter(hidden = true) Caller caller,
                                                         @Valid @RequestBody BulkTriggerRequest request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(bulk.trigger(caller, request));
    }

    @GetMapping("/v1/connections/{connectionId}/sources/{source}")
    public SourceStateView source(@Parameter(hidden = true) Caller caller, @PathVariable long connectionId,
                                  @PathVariable String source) {
        return states.source(caller, Sources.key(connectionId, source));
    }

    public record RunsPage(List<RunView> runs) {
    }

    /** Recent runs of the source, newest first. */
    @GetMapping("/v1/connections/{connectionId}/sources/{source}/runs")
    public RunsPage runs(@Parameter(hidden = true) Caller caller, @PathVariable long connectionId,
                         @PathVariable String source,
                         @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        return new RunsPage(states.runs(caller, Sources.key(connectionId, source), limit));
    }
}
