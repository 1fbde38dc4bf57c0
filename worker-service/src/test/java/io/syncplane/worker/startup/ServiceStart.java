package io.syncplane.worker.startup;

import io.syncplane.worker.WorkerServiceApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the worker in this JVM with the given properties and records what it printed (stdout, where the logs go,
 * and stderr, where the one-line report goes, together) and how it ended.
 */
record ServiceStart(Throwable failure, String output, Duration took, ConfigurableApplicationContext context) {

    static ServiceStart worker(Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        Instant start = Instant.now();
        System.setErr(both);
        System.setOut(both);
        try {
            SpringApplication application = new SpringApplication(WorkerServiceApplication.class);
            ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
            return new ServiceStart(null, captured.toString(StandardCharsets.UTF_8),
                    Duration.between(start, Instant.now()), context);
        } catch (RuntimeException e) {
            return new ServiceStart(e, captured.toString(StandardCharsets.UTF_8),
                    Duration.between(start, Instant.now()), null);
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
    }

    /** The lines our reporter printed: exactly one is expected. */
    List<String> reportLines() {
        return output.lines().filter(line -> line.startsWith("Syncplane did not start:")).toList();
    }
}
