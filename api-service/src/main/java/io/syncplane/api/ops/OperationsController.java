package io.syncplane.api.ops;

import io.syncplane.api.auth.Caller;
import io.syncplane.api.sync.Sources;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.HttpStatus;

@RestController
@Tag(name = "Operations")
public class OperationsController {

    private final DeadLetterService deadLetters;
    private final StatsService stats;

    public OperationsController(DeadLetterService deadLetters, StatsService stats) {
        this.deadLetters = deadLetters;
        this.stats = stats;
    }

    /** Operators: syncs that failed too often in a row, newest first. */
    @GetMapping("/v1/dead-letters")
    public DeadLetterService.Page deadLetters(@Parameter(hidden = true) Caller caller,
                                              @RequestParam(defaultValue = "0") @Min(0) int offset,
                                              @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return deadLetters.list(caller, offset, limit);
    }

    /** Operators: puts a dead-lettered sync back, due now, its failures forgotten. */
    @PostMapping("/v1/dead-letters/{connectionId}/{source}/redrive")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ResponseEntity<Void> redrive(@Parameter(hidden = true) Caller caller, @PathVariable long connectionId,
                                        @PathVariable String source) {
        deadLetters.redrive(caller, Sources.key(connectionId, source));
        return ResponseEntity.accepted().build();
    }

    /** Operators: syncs in progress, the last 24 h, counts by status, queue depth, the oldest overdue sync. */
    @GetMapping("/v1/stats")
    public StatsService.Stats stats(@Parameter(hidden = true) Caller caller) {
        return stats.stats(caller);
    }
}
