package io.syncplane.api.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ApiIntegrationTest;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.ledger.PostgresSyncRunStore;
import io.syncplane.ledger.PostgresSyncStateStore;
import io.syncplane.ledger.SkippedSoFar;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCompletion;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncStart;
import io.syncplane.ledger.SyncState;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A running full sync's progress and a finished run's counts as the API shows them: what was examined apart from what
 * changed, and a success's warning in the run log. The ledger is written as a worker writes it, directly in Postgres.
 */
class SyncProgressApiTest extends ApiIntegrationTest {

    private final JdbcClient jdbc = JdbcClient.create(SCHEMA.dataSource());
    private final PostgresSyncStateStore states = new PostgresSyncStateStore(jdbc,
            new TransactionTemplate(new DataSourceTransactionManager(SCHEMA.dataSource())),
            new PostgresSyncRunStore(jdbc), Clock.systemUTC());

    @Test
    void a_resync_that_changes_nothing_shows_the_items_it_examined_and_the_run_keeps_its_warning() {
        long connection = link(createUser(), unique("progress") + "@example.test");
        SyncKey key = new SyncKey(connection, Source.GMAIL);
        SyncState running = states.start(states.get(key), new SyncStart("w-1", SyncTrigger.MANUAL,
                Clock.systemUTC().instant().plus(Duration.ofMinutes(5))));
        SkippedSoFar skipped = SkippedSoFar.NONE.plus(new SkippedSoFar.Item("m-7", "contains NUL characters"));
        running = states.checkpoint(running, SyncCheckpoint.of("gmail-full", "page-3", SyncCounts.ZERO)
                .withExamined(30).withEstimatedTotal(40L).withGeneration(9L).withSkipped(skipped));

        JsonNode source = operator().get("/v1/connections/" + connection + "/sources/gmail").json();
        JsonNode progress = source.get("running");
        assertThat(progress.get("itemsExamined").asLong()).isEqualTo(30);
        assertThat(progress.get("itemsAdded").asLong() + progress.get("itemsUpdated").asLong()).isZero();
        assertThat(progress.get("estimatedTotal").asLong()).isEqualTo(40);

        states.complete(running, new SyncCompletion("h-1", SyncCounts.ZERO, 40, Clock.systemUTC().instant()
                .plusSeconds(300), "skipped 1 malformed Gmail message: m-7 (contains NUL characters)"));

        ApiClient.Response runs = operator().get("/v1/connections/" + connection + "/sources/gmail/runs?limit=1");
        JsonNode run = runs.json().get("runs").get(0);
        assertThat(run.get("outcome").asString()).isEqualTo("succeeded");
        assertThat(run.get("itemsExamined").asLong()).isEqualTo(40);
        assertThat(run.get("itemsAdded").asLong()).isZero();
        assertThat(run.get("error").asString()).isEqualTo("skipped 1 malformed Gmail message: m-7 (contains NUL "
                + "characters)");
        assertThat(operator().get("/v1/connections/" + connection + "/sources/gmail").json().get("lastError")
                .asString()).startsWith("skipped 1 malformed Gmail message");
    }

    private long createUser() {
        return operator().post("/v1/users", Map.of("externalId", unique("user"))).json().get("id").asLong();
    }

    private long link(long user, String email) {
        ApiClient.Response linked = operator().post("/v1/users/" + user + "/connections",
                Map.of("accountEmail", email, "oauthClientId", OAUTH_CLIENT, "refreshToken", "rt"));
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        return linked.json().get("id").asLong();
    }
}
