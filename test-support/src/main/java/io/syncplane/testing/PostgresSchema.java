package io.syncplane.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A schema of its own in the shared test database, with a pooled {@link DataSource} whose search_path points at it.
 * Closing drops the schema, so tests never see each other's rows.
 */
public final class PostgresSchema implements AutoCloseable {

    private final String name;
    private final HikariDataSource dataSource;
    private final TestBackends.PostgresEndpoint endpoint;

    private PostgresSchema(String name, HikariDataSource dataSource, TestBackends.PostgresEndpoint endpoint) {
        this.name = name;
        this.dataSource = dataSource;
        this.endpoint = endpoint;
    }

    static PostgresSchema create(TestBackends.PostgresEndpoint endpoint) {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(withSearchPath(endpoint.jdbcUrl(), name));
        config.setUsername(endpoint.user());
        config.setPassword(endpoint.password());
        // room for a worker's full concurrency plus heartbeats, but only opened on demand
        config.setMaximumPoolSize(32);
        config.setMinimumIdle(2);
        config.setPoolName("test-" + name);
        HikariDataSource dataSource = new HikariDataSource(config);
        execute(dataSource, "CREATE SCHEMA " + name);
        return new PostgresSchema(name, dataSource, endpoint);
    }

    public String name() {
        return name;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** A JDBC URL for this schema, for code that opens its own connections (e.g. a Spring Boot app under test). */
    public String jdbcUrl() {
        return withSearchPath(endpoint.jdbcUrl(), name);
    }

    public String user() {
        return endpoint.user();
    }

    public String password() {
        return endpoint.password();
    }

    @Override
    public void close() {
        try {
            execute(dataSource, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } finally {
            dataSource.close();
        }
    }

    private static String withSearchPath(String jdbcUrl, String schema) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "': " + e.getMessage(), e);
        }
    }
}
