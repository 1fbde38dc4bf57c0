package io.syncplane.bench.faults;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throwaway Postgres cluster of this run only (initdb into the scratch directory, its own port), so restarting it
 * breaks nobody else's tests. Binaries from {@code FAULTS_PG_BIN} (default /usr/lib/postgresql/15/bin).
 */
final class ScratchPostgres implements AutoCloseable {

    static final String DATABASE = "syncplane_faults";

    private final Path bin;
    private final Path data;
    private final Path socketDir;
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path log;
    private final Path serverLog;
    private final int port;
    private boolean running;

    ScratchPostgres(Path scratch, int port) throws Exception {
        this.bin = Path.of(System.getenv().getOrDefault("FAULTS_PG_BIN", "/usr/lib/postgresql/15/bin"));
        Path home = Files.createDirectories(scratch.resolve("postgres"));
        this.data = home.resolve("data");
        this.socketDir = Files.createDirectories(home.resolve("socket"));
        this.log = scratch.resolve("postgres-commands.log");
        this.serverLog = home.resolve("server.log");
        this.port = port;
        if (ROOT) {
            // Postgres refuses to run as root: the cluster belongs to the postgres system user.
            Commands.run(log, "chmod", "755", scratch.toString());
            Commands.run(log, "chown", "-R", "postgres:", home.toString());
        }
        Commands.run(log, asOwner(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--no-sync"));
        // Four workers with 20 connections each, plus the bench; fsync off: this cluster holds nothing worth keeping,
        // and the restarts under test are clean shutdowns (-m fast), not power loss.
        Files.writeString(data.resolve("postgresql.conf"), """
                max_connections = 200
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                shared_buffers = 128MB
                """, java.nio.file.StandardOpenOption.APPEND);
        start();
        Commands.run(log, bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", "postgres", DATABASE);
    }

    private static String[] asOwner(String... command) {
        if (!ROOT) {
            return command;
        }
        String[] wrapped = new String[command.length + 4];
        wrapped[0] = "runuser";
        wrapped[1] = "-u";
        wrapped[2] = "postgres";
        wrapped[3] = "--";
        System.arraycopy(command, 0, wrapped, 4, command.length);
        return wrapped;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    void start() {
        Commands.run(log, asOwner(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                serverLog.toString(), "-w", "-o", "-p " + port + " -k " + socketDir
                        + " -c listen_addresses=127.0.0.1", "start"));
        running = true;
    }

    void stop() {
        Commands.run(log, asOwner(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w",
                "stop"));
        running = false;
    }

    @Override
    public void close() {
        if (running) {
            try {
                stop();
            } catch (RuntimeException e) {
                Log.info("could not stop the scratch Postgres: %s", e.getMessage());
            }
        }
    }
}
