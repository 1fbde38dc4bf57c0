package io.syncplane.api.e2e;

import static io.syncplane.api.support.ServiceStart.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.support.ApiClient;
import io.syncplane.emulator.GoogleEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a real scrape of both services returns after real syncs, against the metric catalogue (docs/metrics.md) and
 * the alert rules and dashboards: every catalogued name is exposed, without per-user labels, and every metric an
 * alert or a dashboard panel reads is one a scrape really returns.
 */
class MetricsScrapeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern CATALOGUED = Pattern.compile("^\\| `(syncplane_[a-z_]+)` \\|", Pattern.MULTILINE);
    private static final Pattern USED_IN_RULES = Pattern.compile("\\b(syncplane_[a-z_]+)\\b");

    /** Recorded only when their event happens, which a clean run does not produce. */
    private static final Set<String> ON_EVENT = Set.of("syncplane_sync_jobs_rate_limited_total",
            "syncplane_sync_jobs_retried_total", "syncplane_sync_jobs_dead_lettered_total",
            "syncplane_google_errors_total", "syncplane_queue_leases_reclaimed_total", "syncplane_syncs_recovered_total",
            "syncplane_push_renewals_total", "syncplane_push_notifications_total",
            "syncplane_push_channel_expiry_seconds", "syncplane_token_refreshes_total");

    private static GoogleEmulator emulator;
    private static E2eServices services;
    private static String scrape;

    @BeforeAll
    static void start() throws Exception {
        emulator = GoogleEmulator.builder().users(2).seed(3).messagesPerUser(8).eventsPerUser(3).contactsPerUser(4)
                .tasksPerUser(3).start();
        services = new E2eServices(emulator, freePort(), Map.of("syncplane.metrics.cluster-gauge-ttl", "100ms"));
        ApiClient operator = services.client();
        long userId = operator.post("/v1/users", Map.of("externalId", "metrics-user")).json().get("id").asLong();
        E2eSupport.linkThroughOAuth(operator, userId, emulator.admin().email(1));
        E2eSupport.awaitSyncedAfter(operator, userId, Map.of());
        Thread.sleep(300); // past the cluster gauges' cache
        ApiClient.Response api = operator.withKey(null).get("/actuator/prometheus");
        ApiClient.Response worker = new ApiClient(services.workerUrl(), null).get("/actuator/prometheus");
        assertThat(api.status()).as(api.body()).isEqualTo(200);
        assertThat(worker.status()).as(worker.body()).isEqualTo(200);
        scrape = api.body() + "\n" + worker.body();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void every_catalogued_metric_is_exposed() throws IOException {
        Set<String> catalogue = names(CATALOGUED, Files.readString(ROOT.resolve("docs/metrics.md")));
        assertThat(catalogue).hasSizeGreaterThan(20);
        Set<String> exposed = exposedNames();
        for (String name : catalogue) {
            if (!ON_EVENT.contains(name)) {
                assertThat(exposed).as("exposed: " + name).contains(name);
            }
        }
        assertThat(scrape).contains("syncplane_items_ingested_total{").contains("service=\"worker-service\"")
                .contains("service=\"api-service\"").contains("syncplane_sync_duration_seconds_bucket{");
        assertThat(scrape).as("no per-user labels").doesNotContain("user_id=").doesNotContain("connection_id=")
                .doesNotContain("connection=\"");
    }

    @Test
    void every_metric_an_alert_or_a_dashboard_reads_is_one_a_real_scrape_returns() throws IOException {
        Set<String> catalogue = names(CATALOGUED, Files.readString(ROOT.resolve("docs/metrics.md")));
        Set<String> exposed = exposedNames();
        StringBuilder queries = new StringBuilder(
                Files.readString(ROOT.resolve("infra/prometheus/rules/syncplane-alerts.yml")));
        try (var dashboards = Files.list(ROOT.resolve("dashboards"))) {
            for (Path dashboard : dashboards.filter(path -> path.toString().endsWith(".json")).toList()) {
                queries.append('\n').append(Files.readString(dashboard));
            }
        }
        for (String used : names(USED_IN_RULES, queries.toString())) {
            String base = used.replaceAll("_(bucket|count|sum)$", "");
            assertThat(catalogue).as("catalogued: " + used).contains(base);
            if (!ON_EVENT.contains(base)) {
                assertThat(exposed).as("a real scrape returns " + used).contains(used);
            }
        }
    }

    private static Set<String> exposedNames() {
        Set<String> exposed = new LinkedHashSet<>();
        for (String line : scrape.lines().toList()) {
            if (line.startsWith("syncplane_")) {
                String name = line.split("[{ ]", 2)[0];
                exposed.add(name);
                exposed.add(name.replaceAll("_(bucket|count|sum|max)$", ""));
            }
        }
        return exposed;
    }

    private static Set<String> names(Pattern pattern, String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
