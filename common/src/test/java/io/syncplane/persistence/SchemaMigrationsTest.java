package io.syncplane.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.testing.PostgresSchema;
import io.syncplane.testing.TestBackends;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class SchemaMigrationsTest {

    @Test
    void migrations_apply_to_an_empty_schema_and_a_second_run_changes_nothing() {
        try (PostgresSchema schema = TestBackends.newPostgresSchema()) {
            JdbcClient jdbc = JdbcClient.create(schema.dataSource());

            SchemaMigrations.apply(schema.dataSource());
            List<String> tablesAfterFirst = describe(jdbc);
            long changesetsAfterFirst = changesets(jdbc);
            SchemaMigrations.apply(schema.dataSource());

            assertThat(tablesAfterFirst).anyMatch(c -> c.startsWith("sync_state.sync_cursor"))
                    .anyMatch(c -> c.startsWith("google_connection.refresh_token_ciphertext"))
                    .anyMatch(c -> c.startsWith("sync_run.outcome"));
            assertThat(describe(jdbc)).isEqualTo(tablesAfterFirst);
            assertThat(changesets(jdbc)).isEqualTo(changesetsAfterFirst).isPositive();
        }
    }

    private static List<String> describe(JdbcClient jdbc) {
        return jdbc.sql("SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns "
                        + "WHERE table_schema = current_schema() ORDER BY 1")
                .query(String.class).list();
    }

    private static long changesets(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM databasechangelog").query(Long.class).single();
    }
}
