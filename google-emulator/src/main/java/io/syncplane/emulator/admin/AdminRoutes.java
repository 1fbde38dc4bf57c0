package io.syncplane.emulator.admin;

import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.Endpoint;
import io.syncplane.emulator.http.ErrorItem;
import io.syncplane.emulator.http.GoogleError;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.RouteTable;

import java.util.List;
import java.util.NoSuchElementException;

/** Registers admin routes under {@code admin/}, turning facade exceptions into Google-shaped 404s and 400s. */
final class AdminRoutes {

    private final RouteTable routes;

    AdminRoutes(RouteTable routes) {
        this.routes = routes;
    }

    AdminRoutes get(String path, Endpoint endpoint) {
        return add("GET", path, endpoint);
    }

    AdminRoutes post(String path, Endpoint endpoint) {
        return add("POST", path, endpoint);
    }

    AdminRoutes put(String path, Endpoint endpoint) {
        return add("PUT", path, endpoint);
    }

    AdminRoutes patch(String path, Endpoint endpoint) {
        return add("PATCH", path, endpoint);
    }

    AdminRoutes delete(String path, Endpoint endpoint) {
        return add("DELETE", path, endpoint);
    }

    private AdminRoutes add(String method, String path, Endpoint endpoint) {
        routes.open(method, path.isEmpty() ? "admin" : "admin/" + path, call -> {
            try {
                return endpoint.handle(call);
            } catch (NoSuchElementException e) {
                throw new ApiException(new GoogleError(404, e.getMessage(),
                        List.of(ErrorItem.of("global", "notFound", e.getMessage())), "NOT_FOUND"));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new ApiException(GoogleErrors.invalidArgument(e.getMessage()));
            }
        });
        return this;
    }
}
