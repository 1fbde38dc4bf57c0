package io.syncplane.api.e2e;

import static io.syncplane.api.support.ServiceStart.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.support.ApiClient;
import io.syncplane.emulator.GoogleEmulator;
import io.syncplane.emulator.faults.FaultPlan;
import io.syncplane.emulator.http.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a real scrape of both services returns after real syncs (and one Google error), against the metric catalogue
 * (docs/metrics.md) and the alert rules and dashboards: every catalogued name is exposed, without per-user labels,
 * and every metric an alert, a dashboard panel or a dashboard variable reads is catalogued and is a series a scrape
 * really returns — with the series suffix it reads ({@code _bucket}, {@code _total}), not just the family.
 */
class MetricsScrapeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** A catalogue row: its name (or a family prefix ending in {@code *}) and its type. */
    private static final Pattern CATALOGUED = Pattern.compile("^\\| `([a-z_]+\\*?)` \\| ([a-z]*)", Pattern.MULTILINE);
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*(\\w+)\\s*\\)\\s*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]\\w*)=\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Series Prometheus itself writes for every target: no service exposes them. */
    private static final Set<String> PER_TARGET_SERIES = Set.of("up", "scrape_duration_seconds",
            "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added");
    /** Labels Prometheus adds to every series it scrapes (docs/metrics.md). */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");

    /** Recorded only when their event happens, which this run does not produce (push is off here). */
    private static final Set<String> ON_EVENT = Set.of("syncplane_push_channel_expiry_seconds");

    private static GoogleEmulator emulator;
    private static E2eServices services;
    /** Metric (sample) name → the label names it carries in the scrape. */
    private static Map<String, Set<String>> exposed;
    private static String scrape;

    @BeforeAll
    static void start() throws Exception {
        // the build turns JobRunr's job-count gauges off for tests (pom.xml: they outlive a closed context and log
        // into other tests); production has them on, and the dashboards read them, so this scrape has them too
        services = E2eServices.start(GoogleEmulator.builder().users(2).seed(3).messagesPerUser(8).eventsPerUser(3)
                .contactsPerUser(4).tasksPerUser(3), freePort(), Map.of("syncplane.metrics.cluster-gauge-ttl", "100ms",
                "jobrunr.jobs.metrics.enabled", "true"));
        emulator = services.emulator();
        ApiClient operator = services.client();
        ApiClient worker = new ApiClient(services.workerUrl(), null);
        long userId = operator.post("/v1/users", Map.of("externalId", "metrics-user")).json().get("id").asLong();
        String email = emulator.admin().email(1);
        long connectionId = E2eSupport.linkThroughOAuth(operator, userId, email);
        E2eSupport.awaitSyncedAfter(operator, userId, Map.of());
        // Google error counters exist only once Google has answered with an error: make it answer one
        emulator.admin().userFaults(email, FaultPlan.errors500(1.0).onlyFor(Api.TASKS));
        assertThat(operator.post("/v1/connections/" + connectionId + "/sources/tasks/sync", "{}").status())
                .isLessThan(300);
        awaitScrapeContains(worker, "syncplane_google_errors_total{");
        emulator.admin().clearFaults();
        Thread.sleep(300); // past the cluster gauges' cache
        ApiClient.Response api = operator.withKey(null).get("/actuator/prometheus");
        ApiClient.Response workerScrape = worker.get("/actuator/prometheus");
        assertThat(api.status()).as(api.body()).isEqualTo(200);
        assertThat(workerScrape.status()).as(workerScrape.body()).isEqualTo(200);
        scrape = api.body() + "\n" + workerScrape.body();
        // kept for whoever has to see what a scrape really holds when a dashboard check fails
        Files.writeString(Path.of("target/metrics-scrape.txt"), scrape);
        exposed = exposed(scrape);
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void every_catalogued_metric_is_exposed() throws IOException {
        Map<String, String> catalogue = catalogue();
        assertThat(catalogue).hasSizeGreaterThan(20);
        for (Map.Entry<String, String> entry : catalogue.entrySet()) {
            String name = entry.getKey();
            if (ON_EVENT.contains(name)) {
                continue;
            }
            if (name.endsWith("*")) {
                String prefix = name.substring(0, name.length() - 1);
                assertThat(exposed.keySet()).as("exposed: " + name)
                        .anyMatch(exposedName -> exposedName.startsWith(prefix));
            } else {
                assertThat(exposed.keySet()).as("exposed: " + name)
                        .containsAnyElementsOf(series(name, entry.getValue()));
            }
        }
        assertThat(scrape).contains("syncplane_items_ingested_total{").contains("service=\"worker-service\"")
                .contains("service=\"api-service\"").contains("syncplane_sync_duration_seconds_bucket{")
                .contains("syncplane_google_errors_total{api=\"tasks\"");
        assertThat(scrape).as("no per-user labels").doesNotContain("user_id=").doesNotContain("connection_id=")
                .doesNotContain("connection=\"");
    }

    @Test
    void every_metric_an_alert_or_a_dashboard_reads_is_one_a_real_scrape_returns() throws IOException {
        Map<String, String> catalogue = catalogue();
        Map<String, List<String>> readers = new LinkedHashMap<>();
        alertExpressions().forEach((alert, expr) -> read(readers, alert, expr));
        dashboardExpressions().forEach((where, expr) -> read(readers, where, expr));
        assertThat(readers).as("metrics the dashboards and alerts read").hasSizeGreaterThan(40)
                .containsKeys("jvm_memory_used_bytes", "jobrunr_background_job_server_last_heartbeat",
                        "jobrunr_jobs_by_state");
        List<String> problems = new ArrayList<>();
        readers.forEach((name, where) -> {
            if (PER_TARGET_SERIES.contains(name)) {
                return;
            }
            String entry = catalogueEntry(catalogue, name);
            if (entry == null && "histogram".equals(catalogue.get(name))) {
                problems.add(name + " is a histogram's family name, not a series: read " + name + "_bucket, _count or"
                        + " _sum (read by " + where + ")");
            } else if (entry == null) {
                problems.add(name + " is not in docs/metrics.md (read by " + where + ")");
            } else if (ON_EVENT.contains(entry)) {
                if (!series(entry, catalogue.get(entry)).contains(name)) {
                    problems.add(name + " is not a series of " + entry + " (read by " + where + ")");
                }
            } else if (!exposed.containsKey(name)) {
                problems.add(name + " is not in a real scrape (read by " + where + ")");
            }
        });
        assertThat(problems).isEmpty();
    }

    /**
     * A matcher on a label the metric does not have selects nothing (or everything, for {@code !=}), and grouping by
     * one merges every series into one: both fail silently in Grafana, so they are checked against the scrape.
     */
    @Test
    void every_label_a_query_filters_or_groups_by_is_one_its_metrics_have() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>(alertExpressions());
        expressions.putAll(dashboardExpressions());
        List<String> problems = new ArrayList<>();
        expressions.forEach((where, expr) -> {
            PromqlMetricNames parsed = PromqlMetricNames.parse(expr);
            Set<String> available = new LinkedHashSet<>(TARGET_LABELS);
            boolean allKnown = true;
            for (PromqlMetricNames.Selector selector : parsed.selectors()) {
                Set<String> labels = exposed.get(selector.metric());
                if (labels == null) {
                    allKnown = false; // up, an on-event metric, or a wrong name the metric-name check reports
                    continue;
                }
                available.addAll(labels);
                for (String label : selector.matcherLabels()) {
                    if (!labels.contains(label) && !TARGET_LABELS.contains(label)) {
                        problems.add(where + ": " + selector.metric() + " has no label " + label);
                    }
                }
            }
            // label_replace and friends make labels of their own; grouping by them is fine
            boolean makesLabels = expr.matches("(?s).*\\b(label_replace|label_join|count_values)\\s*\\(.*");
            if (allKnown && !makesLabels) {
                for (String label : parsed.groupingLabels()) {
                    if (!available.contains(label)) {
                        problems.add(where + ": groups or matches by " + label + ", which none of "
                                + parsed.names() + " has");
                    }
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    /** A variable's {@code label_values(metric, label)} must find that label on that metric, or it offers nothing. */
    @Test
    void every_dashboard_variable_lists_a_label_the_metric_really_has() throws IOException {
        List<String> problems = new ArrayList<>();
        int variables = 0;
        for (Path file : dashboardFiles()) {
            for (JsonNode variable : JSON.readTree(Files.readString(file)).path("templating").path("list").values()) {
                Matcher labelValues = LABEL_VALUES.matcher(variableQuery(variable));
                if (!labelValues.matches()) {
                    continue;
                }
                variables++;
                String label = labelValues.group(2);
                for (String metric : PromqlMetricNames.in(labelValues.group(1))) {
                    if (!TARGET_LABELS.contains(label) && !exposed.getOrDefault(metric, Set.of()).contains(label)) {
                        problems.add(file.getFileName() + " $" + variable.path("name").asString() + ": " + metric
                                + " has no label " + label + " in a real scrape");
                    }
                }
            }
        }
        assertThat(variables).isGreaterThanOrEqualTo(3);
        assertThat(problems).isEmpty();
    }

    private static void read(Map<String, List<String>> readers, String where, String expr) {
        for (String name : PromqlMetricNames.in(expr)) {
            readers.computeIfAbsent(name, key -> new ArrayList<>()).add(where);
        }
    }

    /** Alert (or recording rule) → expression, from every rule file as Prometheus loads them. */
    private static Map<String, String> alertExpressions() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        List<Path> ruleFiles;
        try (Stream<Path> files = Files.list(ROOT.resolve("infra/prometheus/rules"))) {
            ruleFiles = files.filter(path -> path.toString().endsWith(".yml")).sorted().toList();
        }
        for (Path file : ruleFiles) {
            Map<String, Object> rules = new Yaml().load(Files.readString(file));
            for (Object group : (List<?>) rules.get("groups")) {
                for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                    Map<?, ?> fields = (Map<?, ?>) rule;
                    Object name = fields.containsKey("alert") ? fields.get("alert") : fields.get("record");
                    expressions.put(file.getFileName() + " " + name, String.valueOf(fields.get("expr")));
                }
            }
        }
        assertThat(expressions).hasSizeGreaterThan(5);
        return expressions;
    }

    /** Where → expression for every panel target and every query variable of every dashboard. */
    private static Map<String, String> dashboardExpressions() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = JSON.readTree(Files.readString(file));
            List<JsonNode> panels = new ArrayList<>();
            for (JsonNode panel : dashboard.path("panels").values()) {
                panels.add(panel);
                panels.addAll(panel.path("panels").values()); // a collapsed row keeps its panels inside
            }
            for (JsonNode panel : panels) {
                for (JsonNode target : panel.path("targets").values()) {
                    expressions.put(file.getFileName() + " panel " + panel.path("id") + " "
                            + target.path("refId").asString(""), target.path("expr").asString(""));
                }
            }
            for (JsonNode variable : dashboard.path("templating").path("list").values()) {
                Matcher labelValues = LABEL_VALUES.matcher(variableQuery(variable));
                if (labelValues.matches()) {
                    expressions.put(file.getFileName() + " $" + variable.path("name").asString(),
                            labelValues.group(1));
                }
            }
        }
        return expressions;
    }

    private static List<Path> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("dashboards"))) {
            List<Path> dashboards = files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
            assertThat(dashboards).hasSizeGreaterThanOrEqualTo(3);
            return dashboards;
        }
    }

    /** Grafana stores a query variable's PromQL as a string or, since 10, as {@code {"query": ...}}. */
    private static String variableQuery(JsonNode variable) {
        JsonNode query = variable.path("query");
        return query.isObject() ? query.path("query").asString("") : query.asString("");
    }

    /** Name (or {@code family_*}) → type, as docs/metrics.md lists them. */
    private static Map<String, String> catalogue() throws IOException {
        Map<String, String> catalogue = new LinkedHashMap<>();
        Matcher matcher = CATALOGUED.matcher(Files.readString(ROOT.resolve("docs/metrics.md")));
        while (matcher.find()) {
            catalogue.put(matcher.group(1), matcher.group(2));
        }
        return catalogue;
    }

    /** The catalogue entry a series belongs to: its own name, its histogram family, or a {@code family_*} row. */
    private static String catalogueEntry(Map<String, String> catalogue, String name) {
        for (Map.Entry<String, String> entry : catalogue.entrySet()) {
            String catalogued = entry.getKey();
            boolean matches = catalogued.endsWith("*")
                    ? name.startsWith(catalogued.substring(0, catalogued.length() - 1))
                    : series(catalogued, entry.getValue()).contains(name);
            if (matches) {
                return catalogued;
            }
        }
        return null;
    }

    /** The series names Micrometer's Prometheus registry writes for a catalogued metric of this type. */
    private static Set<String> series(String name, String type) {
        return "histogram".equals(type)
                ? Set.of(name + "_bucket", name + "_count", name + "_sum", name + "_max")
                : Set.of(name);
    }

    private static Map<String, Set<String>> exposed(String text) {
        Map<String, Set<String>> names = new HashMap<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            int end = brace >= 0 && brace < space ? brace : space;
            Set<String> labels = names.computeIfAbsent(line.substring(0, end), key -> new LinkedHashSet<>());
            if (end == brace) {
                Matcher label = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        return names;
    }

    private static void awaitScrapeContains(ApiClient worker, String text) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!worker.get("/actuator/prometheus").body().contains(text)) {
            assertThat(Instant.now()).as("the worker's scrape shows " + text + " in time").isBefore(deadline);
            Thread.sleep(250);
        }
    }
}
