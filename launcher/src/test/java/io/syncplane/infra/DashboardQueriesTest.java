package io.syncplane.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every Grafana dashboard in {@code dashboards/} is one Grafana can import and every panel's PromQL parses: the
 * expressions, with Grafana's variables given real values, become recording rules that promtool must accept; uids
 * and panel ids are unique, every panel has a query, and every data source is the Prometheus variable the overview
 * uses; legends name labels the queries keep. (Which metric names and labels they read is checked against a live
 * scrape in the api-service's MetricsScrapeTest.)
 */
class DashboardQueriesTest {

    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*(\\w+)\\s*\\)\\s*$");
    private static final String OVERVIEW = "syncplane-overview.json";
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|on)\\s*\\(([^)]*)\\)");
    private static final Pattern AGGREGATION = Pattern.compile(
            "\\b(?:sum|min|max|avg|count|group|stddev|stdvar|topk|bottomk|quantile|count_values)\\s*\\(");
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

    private final List<GrafanaDashboard> dashboards = GrafanaDashboard.all(Promtool.REPO.resolve("dashboards"));

    @TempDir
    Path temp;

    @Test
    void everyPanelExpressionParses() throws IOException {
        Promtool.requireInstalled();
        Map<String, String> expressions = new LinkedHashMap<>();
        for (GrafanaDashboard dashboard : dashboards) {
            GrafanaVariables variables = GrafanaVariables.of(dashboard);
            String prefix = "dashboard:" + dashboard.uid().replaceAll("\\W", "_") + ":";
            for (GrafanaDashboard.Query query : dashboard.queries()) {
                expressions.put(prefix + "panel_" + query.panelId() + "_" + query.refId(),
                        variables.substitute(query.expr()));
            }
            for (JsonNode variable : dashboard.variables()) {
                Matcher labelValues = LABEL_VALUES.matcher(GrafanaDashboard.variableQuery(variable));
                if (labelValues.matches()) {
                    expressions.put(prefix + "variable_" + variable.path("name").asString(),
                            variables.substitute(labelValues.group(1)));
                }
            }
        }
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(60);
        assertParses(expressions);
    }

    @Test
    void aBrokenExpressionIsCaught() throws IOException {
        Promtool.requireInstalled();
        Path rules = rulesFile(Map.of("dashboard:broken", "sum by (source (rate(syncplane_items_ingested_total[5m]))"));
        assertThat(Promtool.run(temp, "check", "rules", rules.toString()).exitCode()).isNotZero();
    }

    @Test
    void theOverviewPerSourceAndQueueDashboardsAreThereWithUniqueUidsAndTitles() {
        List<String> uids = dashboards.stream().map(GrafanaDashboard::uid).toList();
        assertThat(uids).contains("syncplane-overview", "syncplane-sources", "syncplane-queue-workers")
                .doesNotHaveDuplicates().allSatisfy(uid -> assertThat(uid).matches("[a-z0-9-]{1,40}"));
        assertThat(dashboards).extracting(dashboard -> dashboard.root().path("title").asString(""))
                .doesNotContain("").doesNotHaveDuplicates();
    }

    @Test
    void everyPanelHasAUniqueIdAPlaceOnTheGridAndAtLeastOneQuery() {
        List<String> problems = new ArrayList<>();
        for (GrafanaDashboard dashboard : dashboards) {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : dashboard.panels()) {
                if (!panel.path("id").isInt() || !ids.add(panel.path("id").asInt())) {
                    problems.add(dashboard.name() + " panel " + panel.path("id") + " \""
                            + panel.path("title").asString("") + "\": missing or duplicate id");
                }
            }
            // the visible grid: a collapsed row's panels take no space until it is opened
            List<Cell> cells = new ArrayList<>();
            for (JsonNode panel : dashboard.root().path("panels").values()) {
                String where = dashboard.name() + " panel " + panel.path("id");
                Cell cell = Cell.of(panel.path("gridPos"));
                if (!cell.onTheGrid()) {
                    problems.add(where + ": gridPos outside Grafana's 24 columns: " + panel.path("gridPos"));
                }
                cells.stream().filter(cell::overlaps)
                        .forEach(other -> problems.add(where + ": overlaps the panel at " + other));
                cells.add(cell);
            }
            for (JsonNode panel : dashboard.dataPanels()) {
                String where = dashboard.name() + " panel " + panel.path("id");
                if (panel.path("targets").isEmpty()) {
                    problems.add(where + ": no targets");
                }
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : panel.path("targets").values()) {
                    if (target.path("expr").asString("").isBlank()) {
                        problems.add(where + ": a target without an expression");
                    }
                    if (!refIds.add(target.path("refId").asString(""))) {
                        problems.add(where + ": missing or duplicate refId " + target.path("refId"));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * A data source is referred to through a variable (or an import input), never by a uid of one Grafana
     * installation, and the same way in every dashboard, so provisioning and import treat them all alike.
     */
    @Test
    void everyDataSourceIsThePrometheusVariableTheOverviewUses() {
        GrafanaDashboard overview = dashboards.stream().filter(dashboard -> dashboard.name().equals(OVERVIEW))
                .findFirst().orElseThrow();
        Set<String> overviewRefs = new HashSet<>(dataSourceRefs(overview).values());
        assertThat(overviewRefs).hasSize(1);
        String expected = overviewRefs.iterator().next();
        List<String> problems = new ArrayList<>();
        for (GrafanaDashboard dashboard : dashboards) {
            Set<String> declared = declaredDataSources(dashboard);
            dataSourceRefs(dashboard).forEach((where, ref) -> {
                if (!ref.equals(expected)) {
                    problems.add(where + ": data source " + ref + ", the overview uses " + expected);
                }
                if (!declared.contains(ref)) {
                    problems.add(where + ": " + ref + " is not a Prometheus data-source variable or input of "
                            + dashboard.name() + " (declared: " + declared + ")");
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyVariableAnExpressionUsesIsDefined() {
        List<String> problems = new ArrayList<>();
        for (GrafanaDashboard dashboard : dashboards) {
            GrafanaVariables variables = GrafanaVariables.of(dashboard);
            for (GrafanaDashboard.Query query : dashboard.queries()) {
                try {
                    variables.substitute(query.expr());
                } catch (IllegalArgumentException e) {
                    problems.add(query.where() + ": " + e.getMessage());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * A legend's {@code {{label}}} that the query aggregates away shows as empty text, and every series gets the same
     * name. Where a query aggregates, its legend may name only the labels it keeps ({@code by} or {@code on}).
     */
    @Test
    void everyLegendLabelIsOneTheQueryKeeps() {
        List<String> problems = new ArrayList<>();
        for (GrafanaDashboard dashboard : dashboards) {
            for (JsonNode panel : dashboard.dataPanels()) {
                for (JsonNode target : panel.path("targets").values()) {
                    String expr = target.path("expr").asString("");
                    Set<String> kept = new HashSet<>();
                    Matcher grouping = GROUPING.matcher(expr);
                    while (grouping.find()) {
                        for (String label : grouping.group(1).split(",")) {
                            kept.add(label.trim());
                        }
                    }
                    if (expr.contains("histogram_quantile")) {
                        kept.remove("le"); // the quantile consumes the buckets
                    }
                    if (kept.isEmpty() && !AGGREGATION.matcher(expr).find()) {
                        continue; // no aggregation: every label of the series is still there
                    }
                    Matcher legend = LEGEND_LABEL.matcher(target.path("legendFormat").asString(""));
                    while (legend.find()) {
                        if (!kept.contains(legend.group(1))) {
                            problems.add(dashboard.name() + " panel " + panel.path("id") + " "
                                    + target.path("refId").asString("") + ": legend {{" + legend.group(1)
                                    + "}} but the query keeps only " + kept);
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void variablesAreSubstitutedInEveryNotationGrafanaAccepts() {
        GrafanaVariables variables = GrafanaVariables.of(Map.of("source", "gmail"));
        assertThat(variables.substitute(
                "sum(rate(x{source=~\"$source\", a=\"${source}\", b=\"${source:regex}\", c=\"[[source]]\"}"
                        + "[$__rate_interval]))"
                        + " offset $__interval"))
                .isEqualTo("sum(rate(x{source=~\"gmail\", a=\"gmail\", b=\"gmail\", c=\"gmail\"}[5m])) offset 1m");
        assertThat(variables.substitute("label_replace(x, \"dst\", \"$1\", \"src\", \"(.*)\")"))
                .as("a regex group reference is not a variable").contains("\"$1\"");
        assertThatThrownBy(() -> variables.substitute("x{source=~\"$sourse\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$sourse");
    }

    /** Where each panel, target and query variable points its data source, as {@code type/uid}. */
    private static Map<String, String> dataSourceRefs(GrafanaDashboard dashboard) {
        Map<String, String> refs = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.dataPanels()) {
            String where = dashboard.name() + " panel " + panel.path("id");
            refs.put(where, ref(panel.path("datasource")));
            for (JsonNode target : panel.path("targets").values()) {
                refs.put(where + " " + target.path("refId").asString(""), ref(target.path("datasource")));
            }
        }
        for (JsonNode variable : dashboard.variables()) {
            if ("query".equals(variable.path("type").asString(""))) {
                refs.put(dashboard.name() + " variable " + variable.path("name").asString(""),
                        ref(variable.path("datasource")));
            }
        }
        return refs;
    }

    /** A string data source (Grafana's old by-name form) or a missing one shows as such and fails the check. */
    private static String ref(JsonNode datasource) {
        if (!datasource.isObject()) {
            return "not an object: " + datasource;
        }
        return datasource.path("type").asString("?") + "/" + datasource.path("uid").asString("?");
    }

    /** The Prometheus data-source variables and import inputs ({@code __inputs}) a dashboard declares. */
    private static Set<String> declaredDataSources(GrafanaDashboard dashboard) {
        Set<String> declared = new HashSet<>();
        for (JsonNode variable : dashboard.variables()) {
            if ("datasource".equals(variable.path("type").asString(""))
                    && "prometheus".equals(variable.path("query").asString(""))) {
                declared.add("prometheus/${" + variable.path("name").asString("") + "}");
            }
        }
        for (JsonNode input : dashboard.root().path("__inputs").values()) {
            if ("datasource".equals(input.path("type").asString(""))
                    && "prometheus".equals(input.path("pluginId").asString(""))) {
                declared.add("prometheus/${" + input.path("name").asString("") + "}");
            }
        }
        return declared;
    }

    private void assertParses(Map<String, String> expressions) throws IOException {
        Promtool.Result result = Promtool.run(temp, "check", "rules", rulesFile(expressions).toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private Path rulesFile(Map<String, String> expressions) throws IOException {
        StringBuilder yaml = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        expressions.forEach((record, expr) -> yaml.append("      - record: ").append(record).append('\n')
                .append("        expr: '").append(expr.replace("'", "''")).append("'\n"));
        Path file = temp.resolve("dashboards-rules.yml");
        Files.writeString(file, yaml);
        return file;
    }

    /** A panel's {@code gridPos}: Grafana's grid is 24 columns wide and grows downwards. */
    private record Cell(int x, int y, int w, int h) {

        static Cell of(JsonNode gridPos) {
            return new Cell(gridPos.path("x").asInt(-1), gridPos.path("y").asInt(-1), gridPos.path("w").asInt(0),
                    gridPos.path("h").asInt(0));
        }

        boolean onTheGrid() {
            return x >= 0 && y >= 0 && w >= 1 && h >= 1 && x + w <= 24;
        }

        boolean overlaps(Cell other) {
            return x < other.x + other.w && other.x < x + w && y < other.y + other.h && other.y < y + h;
        }

        @Override
        public String toString() {
            return x + "," + y;
        }
    }
}
