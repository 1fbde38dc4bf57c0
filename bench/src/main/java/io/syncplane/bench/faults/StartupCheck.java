package io.syncplane.bench.faults;

import java.time.Instant;

/** A worker started while a backend was down: it must come up and claim work once the backend is back. */
record StartupCheck(FaultKind kind, String workerId, Instant startedAt, Instant backendBackAt) {
}
