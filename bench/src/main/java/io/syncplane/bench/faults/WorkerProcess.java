package io.syncplane.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One worker JVM (the worker-service's Spring Boot jar), in a slot that keeps its port across restarts; each start
 * gets a new worker id ({@code w<slot>g<generation>}), so the ledger's {@code sync_run.worker_id} tells which
 * process ran what.
 */
final class WorkerProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int slot;
    private final int port;
    private final WorkerLaunch launch;
    private int generation;
    /** One started process; replaced as a whole, so a reader never pairs a new id with the old process. */
    private record Incarnation(String id, Process process, Instant startedAt) {
    }

    private volatile Incarnation current;

    WorkerProcess(int slot, WorkerLaunch launch) {
        this.slot = slot;
        this.launch = launch;
        this.port = slot == 0 ? launch.settings().firstWorkerPort() : freePort();
    }

    /** Starts the JVM and returns at once; {@link #awaitHealthy} waits for it. */
    void start(boolean linkEmulatorAccounts) throws IOException {
        generation++;
        String id = "w" + slot + "g" + generation;
        int port = port();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", launch.jar().toString(),
                "--server.port=" + port,
                "--jobrunr.dashboard.enabled=false",
                "--syncplane.worker.id=" + id,
                "--syncplane.google.clients[0].id=" + launch.clientId(),
                "--syncplane.google.clients[0].secret=" + launch.clientSecret(),
                "--syncplane.maintenance.scan-interval=" + launch.settings().scanInterval().toSeconds() + "s",
                "--syncplane.worker.lease-duration=" + launch.settings().leaseDuration().toSeconds() + "s",
                "--syncplane.worker.heartbeat-interval="
                        + Math.max(1, launch.settings().leaseDuration().toSeconds() / 4) + "s",
                "--syncplane.worker.shutdown-grace=5s",
                "--syncplane.startup.timeout=120s"));
        for (String source : List.of("gmail", "calendar", "contacts", "tasks")) {
            command.add("--syncplane.worker.poll-intervals." + source + "="
                    + launch.settings().pollInterval().toSeconds() + "s");
        }
        if (linkEmulatorAccounts) {
            command.add("--syncplane.demo.emulator-admin-url=" + launch.emulatorRootUrl() + "admin");
            command.add("--syncplane.demo.accounts=" + launch.settings().users());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(id).toFile()));
        Map<String, String> env = builder.environment();
        env.put("SYNCPLANE_DB_URL", launch.jdbcUrl());
        env.put("SYNCPLANE_DB_USER", "postgres");
        env.put("SYNCPLANE_DB_PASSWORD", "");
        env.put("SYNCPLANE_REDIS_URI", launch.redisUri());
        env.put("SYNCPLANE_CRYPTO_KEY_K1", launch.cryptoKey());
        env.put("SYNCPLANE_GOOGLE_ROOT_URL", launch.googleRootUrl());
        env.put("SYNCPLANE_GOOGLE_TOKEN_URL", launch.googleRootUrl() + "token");
        Instant startedAt = Instant.now();
        current = new Incarnation(id, builder.start(), startedAt);
    }

    /** kill -9: no shutdown hook runs, its leases stay in Redis and its syncs stay 'syncing' until they expire. */
    void kill9() throws InterruptedException {
        Incarnation running = current;
        if (running != null && running.process().isAlive()) {
            running.process().destroyForcibly();
            running.process().waitFor();
        }
    }

    /** Waits until /actuator/health answers 200 (Postgres and Redis both reachable); false when it died or timed out. */
    boolean awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!alive()) {
                return false;
            }
            if (healthy()) {
                return true;
            }
            Commands.sleep(500);
        }
        return false;
    }

    boolean healthy() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port() + "/actuator/health")).timeout(Duration.ofSeconds(3))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The current process' id, start and exit code (null while it runs), read together. */
    record Snapshot(String id, Instant startedAt, Integer exitCode) {
    }

    Snapshot snapshot() {
        Incarnation running = current;
        if (running == null) {
            return null;
        }
        return new Snapshot(running.id(), running.startedAt(),
                running.process().isAlive() ? null : running.process().exitValue());
    }

    boolean alive() {
        Incarnation running = current;
        return running != null && running.process().isAlive();
    }

    Integer exitCode() {
        Incarnation running = current;
        return running == null || running.process().isAlive() ? null : running.process().exitValue();
    }

    /** The root cause a worker that exited by itself logged last ("Caused by: ..."), for the report. */
    static String lastCause(java.nio.file.Path log) {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log)) {
            return lines.filter(line -> line.startsWith("Caused by: ")).reduce((first, second) -> second)
                    .map(line -> line.length() > 240 ? line.substring(0, 240) : line).orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    /** Whether this process' log says JobRunr made it master ("... is master (this BackgroundJobServer)"). */
    static boolean wasJobRunrMaster(java.nio.file.Path log) {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log)) {
            return lines.anyMatch(line -> line.contains("is master (this BackgroundJobServer)"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    java.nio.file.Path log(String workerId) {
        return launch.scratch().resolve(workerId + ".log");
    }

    String id() {
        Incarnation running = current;
        return running == null ? null : running.id();
    }

    Instant startedAt() {
        Incarnation running = current;
        return running == null ? null : running.startedAt();
    }

    int slot() {
        return slot;
    }

    private int port() {
        return port;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
