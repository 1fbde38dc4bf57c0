package io.syncplane.emulator.http;

/** Ends a call with a Google-shaped error response. */
public final class ApiException extends RuntimeException {

    private final transient GoogleError error;

    public ApiException(GoogleError error) {
        super(error.code() + " " + error.message(), null, false, false);
        this.error = error;
    }

    public GoogleError error() {
        return error;
    }
}
