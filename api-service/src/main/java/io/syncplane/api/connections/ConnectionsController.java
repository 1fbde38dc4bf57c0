package io.syncplane.api.connections;

import io.syncplane.api.auth.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.ResponseStatus;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

@RestController
@Tag(name = "Connections")
public class ConnectionsController {

    private final ConnectionService connections;

    public ConnectionsController(ConnectionService connections) {
        this.connections = connections;
    }

    public record ConnectionList(List<ConnectionView> connections) {
    }

    /** Links an account whose refresh token the caller already holds; its sources are due at once. */
    @PostMapping("/v1/users/{userId}/connections")
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "409", description = "The user already linked this account")
    public ResponseEntity<ConnectionView> link(@Parameter(hidden = true) Caller caller, @PathVariable long userId,
                                               @Valid @RequestBody LinkRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(connections.link(caller, userId, request));
    }

    @GetMapping("/v1/users/{userId}/connections")
    public ConnectionList list(@Parameter(hidden = true) Caller caller, @PathVariable long userId) {
        return new ConnectionList(connections.list(caller, userId));
    }

    @GetMapping("/v1/connections/{connectionId}")
    public ConnectionView get(@Parameter(hidden = true) Caller caller, @PathVariable long connectionId) {
        return connections.get(caller, connectionId);
    }

    /** Disables the account's syncs, revokes the grant at Google, and with purge=true deletes its data. */
    @DeleteMapping("/v1/connections/{connectionId}")
    public RemovalResult remove(@Parameter(hidden = true) Caller caller, @PathVariable long connectionId,
                                @RequestParam(defaultValue = "false") boolean purge) {
        return connections.remove(caller, connectionId, purge);
    }
}
