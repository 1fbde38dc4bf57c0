package io.syncplane.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service (api-service or worker-service, with the common module both run) reads from its environment,
 * from its sources: the {@code ${SYNCPLANE_...}} placeholders in its resources, and the names Spring Boot's relaxed
 * binding maps onto its {@code @ConfigurationProperties} records (prefix and component, upper case, dots as
 * underscores, dashes dropped: {@code syncplane.worker.shutdown-grace} is {@code SYNCPLANE_WORKER_SHUTDOWNGRACE},
 * {@code syncplane.google.clients[0].id} is {@code SYNCPLANE_GOOGLE_CLIENTS_0_ID}). A name neither covers is one
 * nothing reads: a typo, or a setting that was renamed.
 */
final class ServiceSettings {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(SYNCPLANE_[A-Z0-9_]+)");
    private static final Pattern PROPERTIES_RECORD = Pattern.compile(
            "@ConfigurationProperties\\(\"([^\"]+)\"\\)\\s*public\\s+record\\s+\\w+\\s*\\(", Pattern.DOTALL);
    private static final Pattern ANNOTATION = Pattern.compile("@\\w+(\\s*\\((?:\"[^\"]*\"|[^)])*\\))?");

    private final String module;
    private final Set<String> placeholders = new HashSet<>();
    private final Map<String, Set<String>> components = new HashMap<>();

    private ServiceSettings(String module) {
        this.module = module;
        for (String dir : List.of(module, "common")) {
            for (Path file : files(Promtool.REPO.resolve(dir).resolve("src/main/resources"))) {
                Matcher matcher = PLACEHOLDER.matcher(read(file));
                while (matcher.find()) {
                    placeholders.add(matcher.group(1));
                }
            }
            for (Path file : files(Promtool.REPO.resolve(dir).resolve("src/main/java"))) {
                String source = read(file);
                Matcher matcher = PROPERTIES_RECORD.matcher(source);
                while (matcher.find()) {
                    components.computeIfAbsent(canonical(matcher.group(1)), prefix -> new HashSet<>())
                            .addAll(recordComponents(source, matcher.end()));
                }
            }
        }
        if (placeholders.isEmpty() || components.isEmpty()) {
            throw new IllegalStateException(module + ": found no settings in its sources; has the layout changed?");
        }
    }

    static ServiceSettings of(String module) {
        return new ServiceSettings(module);
    }

    String module() {
        return module;
    }

    boolean reads(String variable) {
        if (placeholders.contains(variable)) {
            return true;
        }
        return components.entrySet().stream().anyMatch(entry -> variable.startsWith(entry.getKey() + "_")
                && entry.getValue().contains(variable.substring(entry.getKey().length() + 1).split("_")[0]));
    }

    /** The default of a placeholder in the service's application.yml, e.g. 8081 for SYNCPLANE_WORKER_PORT. */
    String placeholderDefault(String variable) {
        Matcher matcher = Pattern.compile("\\$\\{" + variable + ":([^}]*)}").matcher(applicationYml());
        if (!matcher.find()) {
            throw new IllegalStateException(module + "'s application.yml has no ${" + variable + ":default}");
        }
        return matcher.group(1);
    }

    String applicationYml() {
        return read(Promtool.REPO.resolve(module).resolve("src/main/resources/application.yml"));
    }

    /** The worker's shutdown grace when nothing sets it: WorkerProperties' own default. */
    static Duration defaultShutdownGrace() {
        String source = read(Promtool.REPO.resolve(
                "worker-service/src/main/java/io/syncplane/worker/WorkerProperties.java"));
        Matcher matcher = Pattern.compile("shutdownGrace\\s*=\\s*shutdownGrace\\s*==\\s*null\\s*\\?\\s*"
                + "Duration\\.of(Millis|Seconds|Minutes)\\((\\d+)\\)").matcher(source);
        if (!matcher.find()) {
            throw new IllegalStateException("WorkerProperties: the shutdownGrace default is no longer where this "
                    + "check reads it; update ServiceSettings.defaultShutdownGrace");
        }
        long amount = Long.parseLong(matcher.group(2));
        return switch (matcher.group(1)) {
            case "Millis" -> Duration.ofMillis(amount);
            case "Seconds" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    /** Spring Boot's duration syntax as far as deployment files use it: 20s, 500ms, 2m, 1h, or plain milliseconds. */
    static Duration duration(String text) {
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a simple duration: " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private static Set<String> recordComponents(String source, int start) {
        // the record header up to its closing parenthesis; commas inside generics do not separate components
        int depth = 1;
        int end = start;
        while (depth > 0) {
            char c = source.charAt(end++);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        String header = ANNOTATION.matcher(source.substring(start, end - 1)).replaceAll(" ");
        Set<String> names = new HashSet<>();
        int angle = 0;
        StringBuilder component = new StringBuilder();
        for (char c : (header + ",").toCharArray()) {
            angle += c == '<' ? 1 : c == '>' ? -1 : 0;
            if (c == ',' && angle == 0) {
                String[] words = component.toString().trim().split("\\s+");
                names.add(words[words.length - 1].toUpperCase(Locale.ROOT));
                component.setLength(0);
            } else {
                component.append(c);
            }
        }
        return names;
    }

    private static String canonical(String prefix) {
        return prefix.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
