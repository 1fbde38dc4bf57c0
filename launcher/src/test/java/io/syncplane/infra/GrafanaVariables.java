package io.syncplane.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Gives Grafana's template variables concrete values so that a panel's expression becomes the PromQL Prometheus
 * would receive. A variable that is neither built in nor defined by the dashboard is an error: Grafana would send
 * it through verbatim and the panel would silently show nothing.
 */
final class GrafanaVariables {

    /** {@code $name}, {@code ${name}}, {@code ${name:format}}, and the deprecated {@code [[name]]}. */
    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\{([A-Za-z_]\\w*)(?::[^}]*)?}|\\[\\[([A-Za-z_]\\w*)(?::[^\\]]*)?]]|\\$([A-Za-z_]\\w*)");

    /** Grafana's own, with values of the shape Grafana puts there (durations, seconds, milliseconds). */
    private static final Map<String, String> BUILT_IN = Map.of("__rate_interval", "5m", "__interval", "1m",
            "__interval_ms", "60000", "__range", "1h", "__range_s", "3600", "__range_ms", "3600000");

    private final Map<String, String> values;

    private GrafanaVariables(Map<String, String> values) {
        this.values = values;
    }

    static GrafanaVariables of(GrafanaDashboard dashboard) {
        Map<String, String> values = new LinkedHashMap<>(BUILT_IN);
        for (JsonNode variable : dashboard.variables()) {
            values.put(variable.path("name").asString(""), sampleValue(variable));
        }
        return new GrafanaVariables(values);
    }

    static GrafanaVariables of(Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(BUILT_IN);
        all.putAll(values);
        return new GrafanaVariables(all);
    }

    String substitute(String expression) {
        Matcher matcher = REFERENCE.matcher(expression);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1)
                    : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("undefined variable $" + name + " in: " + expression);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /**
     * A value the variable could take: a custom or interval variable's first option, otherwise a plain word, which
     * fits where these variables go (inside label matchers).
     */
    private static String sampleValue(JsonNode variable) {
        String type = variable.path("type").asString("");
        String firstOption = variable.path("query").isString()
                ? variable.path("query").asString("").split(",")[0].trim() : "";
        return switch (type) {
            case "custom", "interval" -> firstOption.isEmpty() ? "sample" : firstOption;
            default -> "sample";
        };
    }
}
