package io.syncplane.api.feed;

import io.syncplane.api.auth.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Change feed")
public class ChangesController {

    private final ChangesService changes;

    public ChangesController(ChangesService changes) {
        this.changes = changes;
    }

    /**
     * The user's changes in commit order from {@code since} (omitted: from the beginning), tombstones included.
     * {@code wait} (seconds, at most 30) holds an empty answer open until a change commits.
     */
    @GetMapping("/v1/users/{userId}/changes")
    @ApiResponse(responseCode = "200", description = "A page of changes and the cursor to continue from")
    @ApiResponse(responseCode = "410", description = "resync-required: the cursor is malformed, from another"
            + " database, or older than the retained deletes; read again without since")
    public ChangesPage userChanges(@Parameter(hidden = true) Caller caller, @PathVariable long userId,
                                   @RequestParam(required = false) String since,
                                   @RequestParam(required = false) String sources,
                                   @RequestParam(required = false) Integer limit,
                                   @RequestParam(required = false) Integer wait) {
        return changes.userChanges(caller, userId, ChangesService.FeedRequest.parse(since, sources, limit, wait));
    }

    /** Operators: every user's changes, for a backend that consumes everything. */
    @GetMapping("/v1/changes")
    @ApiResponse(responseCode = "200", description = "A page of changes and the cursor to continue from")
    @ApiResponse(responseCode = "410", description = "resync-required: read again without since")
    public ChangesPage allChanges(@Parameter(hidden = true) Caller caller,
                                  @RequestParam(required = false) String since,
                                  @RequestParam(required = false) String sources,
                                  @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) Integer wait) {
        return changes.allChanges(caller, ChangesService.FeedRequest.parse(since, sources, limit, wait));
    }
}
