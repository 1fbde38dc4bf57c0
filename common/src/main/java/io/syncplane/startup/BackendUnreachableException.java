package io.syncplane.startup;

import java.time.Duration;

/** Postgres or Redis did not answer within {@code syncplane.startup.timeout}. */
public class BackendUnreachableException extends RuntimeException {

    private final String backend;
    private final String address;
    private final String setting;
    private final Duration waited;

    public BackendUnreachableException(String backend, String address, String setting, Duration waited,
                                       String lastProblem) {
        super(backend + " at " + address + " did not answer within " + waited.toSeconds() + " s (" + lastProblem + ")");
        this.backend = backend;
        this.address = address;
        this.setting = setting;
        this.waited = waited;
    }

    public String backend() {
        return backend;
    }

    public String address() {
        return address;
    }

    public String setting() {
        return setting;
    }

    public Duration waited() {
        return waited;
    }
}
