package io.syncplane.queue;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real three-master Redis Cluster started from the {@code redis-server} and {@code redis-cli} binaries on free
 * ports, once per test JVM (a cluster takes seconds to form; every test isolates itself by key prefix as on the single
 * Redis), stopped when the JVM exits. No replicas: the tests are about slot routing, not failover.
 */
final class RedisClusterNodes {

    private static RedisClusterNodes shared;

    private final List<Process> servers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final Path dir;

    private RedisClusterNodes() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("syncplane-redis-cluster");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "redis-cluster-stop"));
        for (int i = 0; i < 3; i++) {
            int port = freePort();
            Path nodeDir = Files.createDirectories(dir.resolve("n" + port));
            servers.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", nodeDir.resolve("nodes.conf").toString(),
                    "--dir", nodeDir.toString(), "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true).redirectOutput(nodeDir.resolve("log").toFile()).start());
            ports.add(port);
        }
        for (int port : ports) {
            await(() -> cli(port, "ping").contains("PONG"), "redis-server on " + port + " did not start");
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        ports.forEach(port -> create.add("127.0.0.1:" + port));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        String created = run(create);
        if (!created.contains("All 16384 slots covered")) {
            throw new IllegalStateException("redis-cli --cluster create failed:\n" + created);
        }
        for (int port : ports) {
            await(() -> cli(port, "cluster", "info").contains("cluster_state:ok"),
                    "the cluster did not reach state ok on " + port);
        }
    }

    static synchronized RedisClusterNodes shared() {
        if (shared == null) {
            try {
                shared = new RedisClusterNodes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a Redis Cluster (redis-server on PATH?)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    List<RedisURI> seeds() {
        return ports.stream().map(port -> RedisURI.create("127.0.0.1", port)).toList();
    }

    List<Integer> ports() {
        return ports;
    }

    private void stop() {
        servers.forEach(Process::destroy);
        for (Process server : servers) {
            try {
                server.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a scratch directory under the system temp dir; nothing depends on it being gone
        }
    }

    static String cli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(java.util.function.BooleanSupplier done, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure);
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
