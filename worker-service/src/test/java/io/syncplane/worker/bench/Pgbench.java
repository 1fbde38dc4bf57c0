package io.syncplane.worker.bench;

import io.syncplane.testing.TestBackends;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** pgbench with its defaults against the tests' Postgres, in a database of its own, as a baseline. */
final class Pgbench {

    private static final String DATABASE = "syncplane_pgbench";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private final String host;
    private final int port;
    private final String user;

    private Pgbench(String host, int port, String user) {
        this.host = host;
        this.port = port;
        this.user = user;
    }

    static Pgbench prepare() throws IOException, InterruptedException, SQLException {
        TestBackends.PostgresEndpoint pg = TestBackends.endpoints().postgres();
        URI uri = URI.create(pg.jdbcUrl().substring("jdbc:".length()));
        Pgbench pgbench = new Pgbench(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), pg.user());
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
            boolean exists = connection.createStatement()
                    .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'").next();
            if (!exists) {
                connection.createStatement().execute("CREATE DATABASE " + DATABASE);
            }
        }
        pgbench.run(List.of("-i", "-q", "-s", "1"));
        return pgbench;
    }

    double tps(int seconds) throws IOException, InterruptedException {
        String out = run(List.of("-n", "-T", String.valueOf(seconds)));
        Matcher matcher = TPS.matcher(out);
        if (!matcher.find()) {
            throw new IOException("pgbench printed no tps: " + out);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pgbench", "-h", host, "-p", String.valueOf(port), "-U", user));
        command.addAll(args);
        command.add(DATABASE);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("pgbench failed: " + out);
        }
        return out;
    }
}
