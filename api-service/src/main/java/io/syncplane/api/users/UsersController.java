package io.syncplane.api.users;

import io.syncplane.api.auth.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

@RestController
@RequestMapping("/v1/users")
@Tag(name = "Users")
public class UsersController {

    private final UserService users;

    public UsersController(UserService users) {
        this.users = users;
    }

    /** Creates the user (201), or answers the existing one with the same externalId (200). Operators only. */
    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "200", description = "The user already existed")
    public ResponseEntity<UserView> create(@Parameter(hidden = true) Caller caller,
                                           @Valid @RequestBody CreateUserRequest request) {
        UserService.Created created = users.create(caller, request.externalId());
        return ResponseEntity.status(created.created() ? HttpStatus.CREATED : HttpStatus.OK).body(created.user());
    }

    @GetMapping("/{userId}")
    public UserView get(@Parameter(hidden = true) Caller caller, @PathVariable long userId) {
        return users.get(caller, userId);
    }

    /** Every linked account of the user and where each of its sources stands. */
    @GetMapping("/{userId}/state")
    public UserService.UserState state(@Parameter(hidden = true) Caller caller, @PathVariable long userId) {
        return users.state(caller, userId);
    }
}
