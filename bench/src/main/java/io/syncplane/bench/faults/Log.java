package io.syncplane.bench.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Diagnostics on stderr, stamped with seconds since the run started (stdout carries only the result line). */
final class Log {

    private static final Instant START = Instant.now();

    private Log() {
    }

    static void info(String format, Object... args) {
        double at = Duration.between(START, Instant.now()).toMillis() / 1000.0;
        System.err.printf(Locale.ROOT, "[faults %6.1fs] " + format + "%n", prepend(at, args));
    }

    private static Object[] prepend(double at, Object[] args) {
        Object[] all = new Object[args.length + 1];
        all[0] = at;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
