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
    private final Path log;
    private final int port;
    private boolean running;

    ScratchPostgres(Path scratch, int port) throws Exception {
        this.bin = Path.of(System.getenv().getOrDefault("FAULTS_PG_BIN", "/usr/lib/postgresql/15/bin"));
        this.data = scratch.resolve("pgdata");
        this.socketDir = Files.createDirectories(scratch.resolve("pgsocket"));
        this.log = scratch.resolve("postgres.log");
        this.port = port;
        Commands.run(log, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--no-sync");
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

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    void start() {
        Commands.run(log, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w",
                "-o", "-p " + port + " -k " + socketDir + " -c listen_addresses=127.0.0.1", "start");
        running = true;
    }

    void stop() {
        Commands.run(log, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop");
        running = false;
    }

    void restart() {
        Commands.run(log, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w",
                "-o", "-p " + port + " -k " + socketDir + " -c listen_addresses=127.0.0.1", "restart");
        running = true;
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
