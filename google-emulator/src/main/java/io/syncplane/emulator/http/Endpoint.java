package io.syncplane.emulator.http;

/** Handles one route. Throws {@link ApiException} for Google-shaped errors. */
@FunctionalInterface
public interface Endpoint {

    ApiResponse handle(Call call);
}
