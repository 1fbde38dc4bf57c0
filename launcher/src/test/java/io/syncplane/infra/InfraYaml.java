package io.syncplane.infra;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Deployment files as plain maps and lists, every document of a file, read the way the tools read them. */
final class InfraYaml {

    private InfraYaml() {
    }

    static List<Map<String, Object>> documents(Path file) throws IOException {
        // SafeConstructor: plain data only; it resolves compose's "<<" merge keys as docker-compose does
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : yaml.loadAll(reader)) {
                if (document != null) {
                    documents.add(map(document, file.toString()));
                }
            }
        }
        return documents;
    }

    static Map<String, Object> document(Path file) throws IOException {
        List<Map<String, Object>> documents = documents(file);
        if (documents.size() != 1) {
            throw new IllegalStateException(file + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalStateException(where + ": expected a mapping, found " + value);
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String where) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException(where + ": expected a list, found " + value);
        }
        return (List<Object>) list;
    }

    /** The value at a dotted path of mapping keys, or null where any step is missing. */
    static Object at(Map<String, Object> root, String path) {
        Object current = root;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }
}
