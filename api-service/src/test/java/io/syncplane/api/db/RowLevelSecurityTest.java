package io.syncplane.api.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ApiIntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Isolation is Postgres' job, not only the Java code's: connected as the api-service's role, with one user's identity
 * set, no table holding user data returns another user's rows, and with no identity set they return nothing at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowLevelSecurityTest extends ApiIntegrationTest {

    /** Every table with a user's rows, and the column that says whose row it is (through its connection). */
    private static final Map<String, String> OWNER = Map.of(
            "app_user", "id",
            "google_connection", "user_id",
            "sync_state", "user_id",
            "sync_run", "(SELECT s.user_id FROM sync_state s WHERE s.id = sync_state_id)",
            "google_access_token", "(SELECT c.user_id FROM google_connection c WHERE c.id = connection_id)",
            "gmail_message", "(SELECT c.user_id FROM google_connection c WHERE c.id = connection_id)",
            "calendar_event", "(SELECT c.user_id FROM google_connection c WHERE c.id = connection_id)",
            "contact", "(SELECT c.user_id FROM google_connection c WHERE c.id = connection_id)",
            "task", "(SELECT c.user_id FROM google_connection c WHERE c.id = connection_id)");

    private long alice;
    private long bob;

    @BeforeAll
    void twoUsersWithDataEverywhere() throws SQLException {
        alice = userWithData("alice@example.test");
        bob = userWithData("bob@example.test");
    }

    @Test
    void with_one_users_identity_no_table_returns_another_users_rows() throws SQLException {
        try (Connection restricted = restrictedSession()) {
            restricted.setAutoCommit(false);
            identify(restricted, alice);
            for (var table : OWNER.entrySet()) {
                List<Long> owners = owners(restricted, table.getKey(), table.getValue());
                assertThat(owners).as(table.getKey()).isNotEmpty().containsOnly(alice);
            }
            restricted.rollback();
        }
    }

    @Test
    void a_forgotten_identity_returns_nothing_rather_than_everything() throws SQLException {
        try (Connection restricted = restrictedSession()) {
            restricted.setAutoCommit(false);
            for (String table : OWNER.keySet()) {
                assertThat(count(restricted, table)).as(table).isZero();
            }
            restricted.rollback();
            // an identity set for one transaction is gone in the next
            identify(restricted, bob);
            assertThat(count(restricted, "sync_state")).isPositive();
            restricted.commit();
            for (String table : OWNER.keySet()) {
                assertThat(count(restricted, table)).as(table + " after commit").isZero();
            }
            restricted.rollback();
        }
    }

    @Test
    void a_user_identity_cannot_write_into_another_users_rows() throws SQLException {
        try (Connection restricted = restrictedSession()) {
            restricted.setAutoCommit(false);
            identify(restricted, alice);
            try (Statement statement = restricted.createStatement()) {
                int updated = statement.executeUpdate("UPDATE sync_state SET last_error = 'x' WHERE user_id = " + bob);
                int deleted = statement.executeUpdate("DELETE FROM gmail_message WHERE connection_id IN "
                        + "(SELECT id FROM google_connection WHERE user_id = " + bob + ")");
                assertThat(updated).isZero();
                assertThat(deleted).isZero();
            }
            restricted.rollback();
        }
    }

    @Test
    void the_operator_identity_sees_everyone() throws SQLException {
        try (Connection restricted = restrictedSession()) {
            restricted.setAutoCommit(false);
            try (Statement statement = restricted.createStatement()) {
                statement.execute("SET LOCAL ROLE syncplane_api_operator");
            }
            assertThat(owners(restricted, "sync_state", "user_id")).contains(alice, bob);
            restricted.rollback();
        }
    }

    private long userWithData(String email) throws SQLException {
        ApiClient api = operator();
        long user = api.post("/v1/users", Map.of("externalId", unique("rls"))).json().get("id").asLong();
        long connection = api.post("/v1/users/" + user + "/connections", Map.of("accountEmail", email,
                "oauthClientId", OAUTH_CLIENT, "refreshToken", "rt")).json().get("id").asLong();
        try (Connection owner = SCHEMA.dataSource().getConnection(); Statement statement = owner.createStatement()) {
            String common = "'{}'::jsonb, '\\x00'::bytea, 0, nextval('synced_change_seq'), now(), now()";
            statement.execute("INSERT INTO gmail_message (connection_id, message_id, raw, checksum, sync_generation,"
                    + " change_seq, created_at, updated_at) VALUES (" + connection + ", 'm1', " + common + ")");
            statement.execute("INSERT INTO calendar_event (connection_id, calendar_id, event_id, raw, checksum,"
                    + " sync_generation, change_seq, created_at, updated_at) VALUES (" + connection
                    + ", 'primary', 'e1', " + common + ")");
            statement.execute("INSERT INTO contact (connection_id, resource_name, raw, checksum, sync_generation,"
                    + " change_seq, created_at, updated_at) VALUES (" + connection + ", 'people/1', " + common + ")");
            statement.execute("INSERT INTO task (connection_id, tasklist_id, task_id, raw, checksum,"
                    + " sync_generation, change_seq, created_at, updated_at) VALUES (" + connection
                    + ", 'l1', 't1', " + common + ")");
            statement.execute("INSERT INTO google_access_token (connection_id, token_ciphertext, encryption_key_id,"
                    + " expires_at, refreshed_at) VALUES (" + connection + ", '\\x00'::bytea, 'k1', now(), now())");
            statement.execute("INSERT INTO sync_run (sync_state_id, connection_id, source, trigger, mode, worker_id,"
                    + " started_at, outcome) SELECT id, connection_id, source, 'manual', 'full', 'w', now(), 'succeeded'"
                    + " FROM sync_state WHERE connection_id = " + connection);
        }
        return user;
    }

    /** A session as the api-service has one: the configured login switched to the restricted role. */
    private static Connection restrictedSession() throws SQLException {
        // a connection of its own (not pooled), so the role never leaks into another test's session
        Connection connection = DriverManager.getConnection(SCHEMA.jdbcUrl(), SCHEMA.user(), SCHEMA.password());
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET ROLE syncplane_api");
        }
        return connection;
    }

    private static void identify(Connection connection, long user) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT set_config('syncplane.caller_user', ?, true)")) {
            statement.setString(1, String.valueOf(user));
            statement.executeQuery().close();
        }
    }

    private static List<Long> owners(Connection connection, String table, String ownerColumn) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + ownerColumn + " AS owner FROM " + table)) {
            List<Long> owners = new ArrayList<>();
            while (rows.next()) {
                owners.add(rows.getLong("owner"));
            }
            return owners;
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
