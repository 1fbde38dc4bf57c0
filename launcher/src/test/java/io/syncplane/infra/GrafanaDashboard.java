package io.syncplane.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Grafana dashboard file from {@code dashboards/}, read as a JSON tree: its panels (rows' nested panels
 * included, as Grafana stores collapsed rows), their queries, and its template variables.
 */
record GrafanaDashboard(Path file, JsonNode root) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<GrafanaDashboard> all(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.toString().endsWith(".json")).sorted().map(GrafanaDashboard::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GrafanaDashboard read(Path file) {
        try {
            return new GrafanaDashboard(file, JSON.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return file.getFileName().toString();
    }

    String uid() {
        return root.path("uid").asString("");
    }

    /** Every panel, rows included; a row's own panels follow it. */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : root.path("panels").values()) {
            panels.add(panel);
            panels.addAll(panel.path("panels").values());
        }
        return panels;
    }

    /** Panels that show data: all but rows. */
    List<JsonNode> dataPanels() {
        return panels().stream().filter(panel -> !"row".equals(panel.path("type").asString(""))).toList();
    }

    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : dataPanels()) {
            for (JsonNode target : panel.path("targets").values()) {
                queries.add(new Query(name(), panel.path("id").asInt(-1), target.path("refId").asString(""),
                        target.path("expr").asString("")));
            }
        }
        return queries;
    }

    List<JsonNode> variables() {
        return List.copyOf(root.path("templating").path("list").values());
    }

    /**
     * The PromQL a query variable runs: Grafana stores it as a string or, since 10, as {@code {"query": ...}}.
     * Empty for other variable types.
     */
    static String variableQuery(JsonNode variable) {
        JsonNode query = variable.path("query");
        return query.isObject() ? query.path("query").asString("") : query.asString("");
    }

    /** One panel target: where it is, for messages, and its expression as stored. */
    record Query(String dashboard, int panelId, String refId, String expr) {

        String where() {
            return dashboard + " panel " + panelId + " " + refId;
        }
    }
}
