package io.syncplane.infra;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * promtool, Prometheus' own checker, run as a process: it is a Go binary with no Java counterpart. CI installs it
 * (Debian's {@code prometheus}); without it the checks fail with one line, unless skipped on request.
 */
final class Promtool {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private Promtool() {
    }

    static void requireInstalled() {
        if (Boolean.getBoolean("syncplane.skipPromtool")) {
            System.err.println("WARNING: -Dsyncplane.skipPromtool=true: Prometheus rules and dashboards not checked");
            Assumptions.abort("promtool checks skipped on request");
        }
        try {
            run(REPO, "--version");
        } catch (IOException e) {
            fail("promtool not found: install Debian's 'prometheus' package (or pass -Dsyncplane.skipPromtool=true)");
        }
    }

    static Result run(Path directory, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String output) {
    }
}
