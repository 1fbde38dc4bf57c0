package io.syncplane.bench.scale;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.syncplane.persistence.SchemaMigrations;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A migrated schema in the benchmark's own database ({@code syncplane_bench_scale} unless told otherwise), so a
 * 10 M-row fill never touches the database other people's tests use. Closing drops the schema unless it is kept.
 */
final class ScaleDatabase implements AutoCloseable {

    final String schema;
    final HikariDataSource dataSource;
    final JdbcClient jdbc;
    final TransactionTemplate transactions;
    private final boolean keep;

    private ScaleDatabase(ScaleSettings settings, String schema, boolean keep) {
        this.schema = schema;
        this.keep = keep;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.databaseUrl() + "?currentSchema=" + schema);
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
        SchemaMigrations.apply(dataSource);
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * Opens the schema for {@code rows}; creates the database and the schema when missing. A kept schema from an
     * earlier run is reused as it is (the fill checks it is complete), so repeated 10 M runs skip the fill.
     */
    static ScaleDatabase open(ScaleSettings settings, long rows) {
        ensureDatabase(settings);
        String schema = "scale_" + rows;
        try (var c = DriverManager.getConnection(settings.databaseUrl(), settings.user(), settings.password());
             var s = c.createStatement()) {
            if (!settings.keep()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare schema " + schema + ": " + e.getMessage(), e);
        }
        return new ScaleDatabase(settings, schema, settings.keep());
    }

    private static void ensureDatabase(ScaleSettings settings) {
        String url = settings.databaseUrl();
        String name = url.substring(url.lastIndexOf('/') + 1);
        String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (var c = DriverManager.getConnection(admin, settings.user(), settings.password());
             var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            check.setString(1, name);
            if (!check.executeQuery().next()) {
                try (var s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach Postgres at " + admin + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (!keep) {
                jdbc.sql("DROP SCHEMA " + schema + " CASCADE").update();
            }
        } finally {
            dataSource.close();
        }
    }
}
