package io.syncplane.emulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query (or form) parameters of one call. Repeated keys keep every value in order, as the Google client sends
 * repeated parameters ({@code historyTypes=a&historyTypes=b}).
 */
public final class Params {

    private static final Params EMPTY = new Params(Map.of());

    private final Map<String, List<String>> values;

    private Params(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Params empty() {
        return EMPTY;
    }

    public static Params of(Map<String, List<String>> values) {
        return values.isEmpty() ? EMPTY : new Params(values);
    }

    /**
     * Parses {@code a=1&b=2} (URL-encoded). Hand-written because batch parts carry query strings outside any Jetty
     * request, and Jetty's own parser needs one.
     */
    public static Params parse(String query) {
        if (query == null || query.isEmpty()) {
            return EMPTY;
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        addAll(values, query);
        return new Params(values);
    }

    /** Query parameters plus form parameters (a form body arrives when the client overrides POST to GET). */
    public static Params parse(String query, String form) {
        if (form == null || form.isEmpty()) {
            return parse(query);
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (query != null) {
            addAll(values, query);
        }
        addAll(values, form);
        return new Params(values);
    }

    private static void addAll(Map<String, List<String>> values, String encoded) {
        int start = 0;
        int length = encoded.length();
        while (start < length) {
            int end = encoded.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                int eq = encoded.indexOf('=', start);
                String key;
                String value;
                if (eq < 0 || eq > end) {
                    key = decode(encoded.substring(start, end));
                    value = "";
                } else {
                    key = decode(encoded.substring(start, eq));
                    value = decode(encoded.substring(eq + 1, end));
                }
                values.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
    }

    private static String decode(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a broken escape is kept literally; validation of the value reports it if it matters
        }
    }

    /** The first value, or null when absent. */
    public String first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    /** The first non-blank value, or null. */
    public String text(String name) {
        String value = first(name);
        return value == null || value.isBlank() ? null : value;
    }

    public List<String> all(String name) {
        List<String> list = values.get(name);
        return list == null ? List.of() : Collections.unmodifiableList(list);
    }

    /** Every value of a parameter, with comma-joined values split (the client joins {@code personFields}). */
    public List<String> split(String name) {
        List<String> out = new ArrayList<>();
        for (String value : all(name)) {
            for (String part : value.split(",")) {
                String trimmed = part.trim();
                if (!trimmed.isEmpty()) {
                    out.add(trimmed);
                }
            }
        }
        return out;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Set<String> names() {
        return values.keySet();
    }
}
