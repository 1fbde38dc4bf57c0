package io.syncplane.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.persistence.JdbcTime;
import io.syncplane.persistence.LedgerTableFiller;
import io.syncplane.persistence.PostgresLedger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scanner queries must read only the rows they return: on a table where few rows match, the plan is an index
 * scan on the query's partial index with nothing filtered out after reading. (Speed itself is measured by the
 * scanner benchmark, not here.)
 */
class ScannerQueryPlanTest {

    private static PostgresLedger ledger;

    @BeforeAll
    static void fillLedger() {
        ledger = PostgresLedger.create();
        LedgerTableFiller.fill(ledger.jdbc, 25_000, 500); // 100,000 states, 200 due, 20 interrupted
    }

    @AfterAll
    static void dropLedger() {
        ledger.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"due, sync_state_due_idx", "interrupted, sync_state_interrupted_idx", "stale, sync_state_stale_idx"})
    void the_scan_walks_its_partial_index_and_filters_nothing(String scan, String index) {
        String sql = switch (scan) {
            case "due" -> PostgresSyncStateScanner.DUE_SQL;
            case "interrupted" -> PostgresSyncStateScanner.INTERRUPTED_SQL;
            default -> PostgresSyncStateScanner.STALE_SQL;
        };
        Instant bound = "stale".equals(scan) ? Instant.now().minusSeconds(24 * 3600) : Instant.now();

        List<String> plan = ledger.jdbc.sql("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql)
                .param("now", JdbcTime.timestamp(bound))
                .param("afterAt", JdbcTime.timestamp(ScanPosition.start().at()))
                .param("afterId", 0L)
                .param("limit", 1000)
                .query(String.class).list();

        String text = String.join("\n", plan);
        assertThat(text).contains("Index Scan using " + index).doesNotContain("Seq Scan")
                .doesNotContain("Rows Removed by Filter").doesNotContain("Sort");
    }
}
