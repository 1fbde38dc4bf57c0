package io.syncplane.emulator.faults;

import io.syncplane.emulator.http.GoogleError;

import java.time.Duration;

/** What happens to one request: a delay, and then either a dropped connection, an error, or normal handling. */
public record FaultDecision(Duration delay, boolean drop, GoogleError error) {

    public static final FaultDecision NONE = new FaultDecision(Duration.ZERO, false, null);
}
