package io.syncplane.api.e2e;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, found by a small tokenizer rather than a word regex: a word regex also
 * picks up label names, label values, function names, keywords and words inside strings, so it both reports names
 * nobody reads and, restricted to a prefix, misses the ones without it (jvm_, process_, jobrunr_).
 *
 * <p>Skipped: string literals, comments, label matchers ({@code {...}}, except a {@code __name__} matcher, which
 * names a metric), range and subquery brackets ({@code [5m]}, {@code [10m:1m]}, Grafana's {@code [[var]]}), Grafana
 * variables ({@code $var}, {@code ${var}}), numbers and durations ({@code 1e-3}, {@code 1h30m}, {@code 0x1f}), words
 * followed by {@code (} or by a grouping (functions, aggregations), keywords and binary operators, and the label
 * lists of {@code by, without, on, ignoring, group_left, group_right}. What remains are metric names. Kept on the
 * side: the labels each metric's matchers name and the labels of those lists, so a check can see that they exist.
 */
final class PromqlMetricNames {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "atan2", "bool", "offset", "inf",
            "nan", "by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    /** Whose label lists decide which series a result keeps apart (see {@link #groupingLabels()}). */
    private static final Set<String> RESULT_LABEL_KEYWORDS = Set.of("by", "on", "group_left", "group_right");
    private static final Pattern NAME_MATCHER = Pattern.compile("(?:^|,)\\s*__name__\\s*=\\s*\"([^\"]*)\"");

    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_]\\w*)\\s*(?:=~|!~|!=|=)");

    private final String expression;
    private final List<Selector> selectors = new ArrayList<>();
    private final Set<String> groupingLabels = new LinkedHashSet<>();
    private int position;

    private PromqlMetricNames(String expression) {
        this.expression = expression;
        scan();
    }

    /** @throws IllegalArgumentException on an unterminated string, matcher or bracket */
    static Set<String> in(String expression) {
        return parse(expression).names();
    }

    /** @throws IllegalArgumentException on an unterminated string, matcher or bracket */
    static PromqlMetricNames parse(String expression) {
        return new PromqlMetricNames(expression);
    }

    Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        selectors.forEach(selector -> names.add(selector.metric()));
        return names;
    }

    /** Each metric read, with the labels its matchers filter on ({@code __name__} not included). */
    List<Selector> selectors() {
        return List.copyOf(selectors);
    }

    /**
     * The labels of every {@code by, on, group_left, group_right} list: what a result is grouped or matched by, so a
     * typo there silently merges series. {@code without} and {@code ignoring} lists are left out: dropping a label
     * that is not there changes nothing (and {@code pod} is only there on Kubernetes).
     */
    Set<String> groupingLabels() {
        return Set.copyOf(groupingLabels);
    }

    private void scan() {
        while (position < expression.length()) {
            char c = expression.charAt(position);
            if (c == '"' || c == '\'' || c == '`') {
                skipString(c);
            } else if (c == '#') {
                skipComment();
            } else if (c == '{') {
                String matchers = skipTo('{', '}');
                for (String name : nameMatchers(matchers)) {
                    selectors.add(new Selector(name, matcherLabels(matchers)));
                }
            } else if (c == '[') {
                skipTo('[', ']');
            } else if (c == '$') {
                skipVariable();
            } else if (Character.isDigit(c) || c == '.' && nextIsDigit()) {
                skipNumber();
            } else if (isWordStart(c)) {
                String word = word();
                if (LABEL_LIST_KEYWORDS.contains(word.toLowerCase())) {
                    skipLabelList(RESULT_LABEL_KEYWORDS.contains(word.toLowerCase()));
                } else if (!KEYWORDS.contains(word.toLowerCase()) && !followedByParenthesis()
                        && !followedByGrouping()) {
                    boolean hasMatchers = position < expression.length() && expression.charAt(position) == '{';
                    selectors.add(new Selector(word, hasMatchers ? matcherLabels(skipTo('{', '}')) : Set.of()));
                }
            } else {
                position++;
            }
        }
    }

    private static Set<String> matcherLabels(String matchers) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher matcher = MATCHER_LABEL.matcher(withoutStrings(matchers));
        while (matcher.find()) {
            labels.add(matcher.group(1));
        }
        labels.remove("__name__");
        return labels;
    }

    private static String withoutStrings(String text) {
        return text.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`", "\"\"");
    }

    private void skipString(char quote) {
        int start = position++;
        while (position < expression.length()) {
            char c = expression.charAt(position++);
            if (c == '\\' && quote != '`') {
                position++;
            } else if (c == quote) {
                return;
            }
        }
        throw new IllegalArgumentException("unterminated string at " + start + " in: " + expression);
    }

    private void skipComment() {
        int end = expression.indexOf('\n', position);
        position = end < 0 ? expression.length() : end + 1;
    }

    /** Skips from an opening to its closing bracket, strings inside included; returns what was between them. */
    private String skipTo(char open, char close) {
        int start = position;
        int depth = 0;
        while (position < expression.length()) {
            char c = expression.charAt(position);
            if (c == '"' || c == '\'' || c == '`') {
                skipString(c);
                continue;
            }
            position++;
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return expression.substring(start + 1, position - 1);
            }
        }
        throw new IllegalArgumentException("unclosed " + open + " at " + start + " in: " + expression);
    }

    private static Set<String> nameMatchers(String matchers) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = NAME_MATCHER.matcher(matchers);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private void skipVariable() {
        position++;
        if (position < expression.length() && expression.charAt(position) == '{') {
            skipTo('{', '}');
        } else {
            while (position < expression.length() && isWordPart(expression.charAt(position))) {
                position++;
            }
        }
    }

    /** Numbers, hex, exponents and durations: everything alphanumeric that starts with a digit. */
    private void skipNumber() {
        boolean hex = expression.startsWith("0x", position) || expression.startsWith("0X", position);
        while (position < expression.length()) {
            char c = expression.charAt(position);
            boolean exponentSign = !hex && (c == '+' || c == '-') && "eE".indexOf(expression.charAt(position - 1)) >= 0;
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
                position++;
            } else {
                return;
            }
        }
    }

    private String word() {
        int start = position;
        while (position < expression.length() && isWordPart(expression.charAt(position))) {
            position++;
        }
        return expression.substring(start, position);
    }

    /** The parenthesised label list after a grouping keyword; group_left/group_right may go without one. */
    private void skipLabelList(boolean keep) {
        skipSpace();
        if (position < expression.length() && expression.charAt(position) == '(') {
            for (String label : skipTo('(', ')').split(",")) {
                if (keep && !label.isBlank()) {
                    groupingLabels.add(label.trim());
                }
            }
        }
    }

    private boolean followedByParenthesis() {
        skipSpace();
        return position < expression.length() && expression.charAt(position) == '(';
    }

    /** {@code sum by (x) (...)}: an aggregation with its grouping first; no metric is ever followed by one. */
    private boolean followedByGrouping() {
        int end = position;
        while (end < expression.length() && isWordPart(expression.charAt(end))) {
            end++;
        }
        String next = expression.substring(position, end).toLowerCase();
        return next.equals("by") || next.equals("without");
    }

    private void skipSpace() {
        while (position < expression.length() && Character.isWhitespace(expression.charAt(position))) {
            position++;
        }
    }

    private boolean nextIsDigit() {
        return position + 1 < expression.length() && Character.isDigit(expression.charAt(position + 1));
    }

    private static boolean isWordStart(char c) {
        return c == '_' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || c >= '0' && c <= '9';
    }

    /** A metric an expression reads and the labels its matchers name. */
    record Selector(String metric, Set<String> matcherLabels) {
    }
}
