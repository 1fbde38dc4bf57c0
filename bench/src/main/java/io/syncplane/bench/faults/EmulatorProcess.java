package io.syncplane.bench.faults;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Google emulator's standalone jar as its own process, seeded from the run's seed. */
final class EmulatorProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    EmulatorProcess(Path jar, Path scratch, FaultsSettings settings) throws Exception {
        this.port = settings.emulatorPort();
        List<String> command = List.of("java", "-Xmx1g", "-XX:+UseSerialGC",
                // every activity change logged with its time and API: the timeline of a laggard's last changes
                "-Dorg.slf4j.simpleLogger.log.io.syncplane.emulator.activity=debug", "-jar", jar.toString(),
                "--port", Integer.toString(port), "--users", Integer.toString(settings.users()),
                "--seed", Long.toString(Math.floorMod(settings.seed(), 1_000_000L)),
                "--messages-per-user", Integer.toString(settings.messagesPerUser()),
                "--events-per-user", "10", "--contacts-per-user", "10", "--tasks-per-user", "5",
                "--activity-rate", "0");
        this.process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(scratch.resolve("emulator.log").toFile())).start();
        EmulatorClient client = new EmulatorClient(rootUrl());
        for (int i = 0; i < 300; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the emulator exited with " + process.exitValue()
                        + " (see " + scratch.resolve("emulator.log") + ")");
            }
            if (client.answers()) {
                return;
            }
            Commands.sleep(200);
        }
        throw new IllegalStateException("the emulator did not answer on :" + port);
    }

    String rootUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
