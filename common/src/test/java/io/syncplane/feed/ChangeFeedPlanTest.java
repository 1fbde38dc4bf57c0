package io.syncplane.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.Source;
import io.syncplane.store.ItemTable;
import io.syncplane.store.SyncedTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A poll is index range reads only: no sequential scan, no sort of a table, whether as the owner or as a restricted
 * role under row-level security (as the API runs it).
 */
class ChangeFeedPlanTest {

    private static final int CONNECTIONS = 20;
    private static final int ROWS_PER_CONNECTION = 1_000;

    private final FeedFixture f = new FeedFixture();
    private final List<Long> connections = new ArrayList<>();

    @BeforeEach
    void fill() {
        for (int i = 0; i < CONNECTIONS; i++) {
            connections.add(f.newConnection());
        }
        for (Source source : Source.values()) {
            ItemTable table = SyncedTables.of(source);
            String keys = String.join(", ", table.keyColumns());
            String keyValues = String.join(", ", table.keyColumns().stream().map(k -> "'k' || i").toList());
            f.ledger.jdbc.sql("INSERT INTO " + table.name() + " (connection_id, " + keys + ", raw, checksum, "
                    + "sync_generation, change_seq, created_at, updated_at) SELECT c.id, " + keyValues
                    + ", '{}', '\\x00', 0, nextval('synced_change_seq'), now(), now() FROM google_connection c, "
                    + "generate_series(1, " + ROWS_PER_CONNECTION + ") i").update();
            f.ledger.jdbc.sql("ANALYZE " + table.name()).update();
        }
        f.awaitWatermark();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void one_users_poll_is_an_index_range_read_per_connection_and_table() {
        FeedQuery query = FeedQuery.of(FeedScope.connections(Set.of(connections.get(3), connections.get(7))),
                Set.of(), new FeedPosition(1, 500), 100);

        assertIndexRangeReadsOnly(explain(query), "_feed_idx", 8);
    }

    @Test
    void the_all_users_poll_is_an_index_range_read_per_table() {
        FeedQuery query = FeedQuery.of(FeedScope.allConnections(), Set.of(), new FeedPosition(1, 500), 100);

        assertIndexRangeReadsOnly(explain(query), "_feed_all_idx", 4);
    }

    @Test
    void under_row_level_security_as_a_restricted_role_the_plan_stays_and_other_users_rows_stay_hidden() {
        long mine = connections.get(2);
        long theirs = connections.get(5);
        long user = f.ledger.jdbc.sql("SELECT user_id FROM google_connection WHERE id = ?").param(mine)
                .query(Long.class).single();
        FeedQuery query = FeedQuery.of(FeedScope.connections(Set.of(mine, theirs)), Set.of(),
                new FeedPosition(1, 500), 100);

        JsonNode plan = f.ledger.transactions.execute(s -> {
            asRestrictedUser(user);
            return explain(query);
        });
        ChangePage page = f.ledger.transactions.execute(s -> {
            asRestrictedUser(user);
            return f.feed.read(FeedScope.connections(Set.of(mine, theirs)), Optional.empty(), Set.of(), 500);
        });

        assertIndexRangeReadsOnly(plan, "_feed_idx", 8);
        assertThat(page.changes()).hasSize(500).allMatch(change -> change.connectionId() == mine);
        assertThat(page.hasMore()).isTrue();
    }

    private void asRestrictedUser(long user) {
        // the api-service's role and identity, with the policies the migrations install (008-api-access.sql)
        f.ledger.jdbc.sql("SET LOCAL ROLE syncplane_api").update();
        f.ledger.jdbc.sql("SELECT set_config('syncplane.caller_user', ?, true)").param(Long.toString(user))
                .query(String.class).single();
    }

    private JsonNode explain(FeedQuery query) {
        String json = f.ledger.jdbc.sql("EXPLAIN (FORMAT JSON) " + query.sql()).params(query.params())
                .query(String.class).single();
        JsonNode plan = JsonMapper.builder().build().readTree(json).get(0).get("Plan");
        return plan;
    }

    /** Every read of a synced table is an index scan on the feed index, and no sort sits directly on a scan. */
    private static void assertIndexRangeReadsOnly(JsonNode plan, String indexSuffix, int expectedReads) {
        List<JsonNode> reads = new ArrayList<>();
        walk(plan, false, reads);
        assertThat(reads).hasSize(expectedReads);
        assertThat(reads).allSatisfy(node -> {
            assertThat(node.get("Node Type").asString()).isIn("Index Scan", "Index Only Scan");
            assertThat(node.get("Index Name").asString()).endsWith(indexSuffix);
        });
    }

    private static void walk(JsonNode node, boolean sortAbove, List<JsonNode> reads) {
        String type = node.get("Node Type").asString();
        String relation = node.has("Relation Name") ? node.get("Relation Name").asString() : null;
        if ("change_feed_state".equals(relation)) {
            return; // its one row
        }
        assertThat(type).as("no sequential scan").isNotEqualTo("Seq Scan");
        if (relation != null && !relation.equals("google_connection")) { // the RLS policy's lookup
            assertThat(sortAbove).as("a sort over an unlimited scan of %s", node.get("Relation Name")).isFalse();
            reads.add(node);
        }
        boolean sorting = type.equals("Sort") || (sortAbove && !type.equals("Limit"));
        JsonNode children = node.get("Plans");
        if (children != null) {
            for (JsonNode child : children) {
                walk(child, sorting, reads);
            }
        }
    }
}
