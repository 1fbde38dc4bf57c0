package io.syncplane.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an embedded Postgres and Redis until stopped, for {@code ./demo} on a machine with nothing but a JDK.
 *
 * <p>{@code java -jar syncplane-launcher-*-exec.jar backends --pg-port 55432 --redis-port 56379 --data-dir .demo/postgres
 * --database syncplane_demo --ready-file .demo/backends.ready}. It writes the ready file once both answer, and on
 * SIGTERM/SIGINT stops Redis, then Postgres (a fast shutdown, so the next start needs no recovery).
 */
final class EmbeddedBackendsMain {

    private EmbeddedBackendsMain() {
    }

    static void main(String[] args) throws InterruptedException {
        LauncherArguments arguments = LauncherArguments.parse(args);
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(arguments.pgPort(), arguments.dataDir());
        EmbeddedRedisServer redis;
        try {
            redis = EmbeddedRedisServer.start(arguments.redisPort());
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        arguments.database().ifPresent(postgres::ensureDatabase);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            redis.close();
            postgres.close();
            stopped.countDown();
        }, "embedded-backends-stop"));
        String ready = "postgres=" + postgres.jdbcUrl(arguments.database().orElse("postgres"))
                + " user=" + EmbeddedPostgresServer.SUPERUSER + " redis=" + redis.uri();
        arguments.readyFile().ifPresent(file -> write(file, ready + "\n"));
        System.out.println("embedded backends ready: " + ready);
        stopped.await();
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line: ports (0 = any free one), where Postgres keeps its data, a database to create. */
    record LauncherArguments(int pgPort, int redisPort, Optional<Path> dataDir, Optional<String> database,
                             Optional<Path> readyFile) {

        static LauncherArguments parse(String[] args) {
            int pgPort = 0;
            int redisPort = 0;
            Path dataDir = null;
            String database = null;
            Path readyFile = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--pg-port" -> pgPort = Integer.parseInt(required(args[i], value));
                    case "--redis-port" -> redisPort = Integer.parseInt(required(args[i], value));
                    case "--data-dir" -> dataDir = Path.of(required(args[i], value));
                    case "--database" -> database = required(args[i], value);
                    case "--ready-file" -> readyFile = Path.of(required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; use --pg-port, --redis-port, --data-dir, --database, --ready-file");
                }
                i++;
            }
            return new LauncherArguments(pgPort, redisPort, Optional.ofNullable(dataDir), Optional.ofNullable(database),
                    Optional.ofNullable(readyFile));
        }

        private static String required(String flag, String value) {
            if (value == null) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return value;
        }
    }
}
