package io.syncplane.writeback;

import io.syncplane.domain.Source;
import io.syncplane.startup.InvalidSettingException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How the worker sends outbound operations.
 *
 * @param maxAttempts       attempts without a definite answer (5xx, timeouts) before an operation is failed for good
 *                          ("dead-lettered"); {@code syncplane.writes.max-attempts}
 * @param conflicts         per source, who wins a conflict; {@code syncplane.writes.conflicts.<source>}
 * @param rateLimitFallback how long to wait after a rate limit that names no time
 * @param batch             operations read per statement
 */
public record WriteSettings(int maxAttempts, Map<Source, ConflictPolicy> conflicts, Duration rateLimitFallback,
                            int batch) {

    public static final String MAX_ATTEMPTS = "syncplane.writes.max-attempts";
    public static final String CONFLICTS = "syncplane.writes.conflicts.";

    public WriteSettings {
        if (maxAttempts < 1) {
            throw new InvalidSettingException(MAX_ATTEMPTS, "is " + maxAttempts, "set it to 1 or more (default 8)");
        }
        Map<Source, ConflictPolicy> all = new EnumMap<>(Source.class);
        for (Source source : Source.values()) {
            all.put(source, ConflictPolicy.NEWER_WINS);
        }
        if (conflicts != null) {
            all.putAll(conflicts);
        }
        conflicts = Map.copyOf(all);
    }

    public static WriteSettings defaults() {
        return new WriteSettings(8, Map.of(), Duration.ofMinutes(1), 100);
    }

    /**
     * From the properties as configured: {@code maxAttempts} null for the default; {@code conflicts} keyed by
     * source id (gmail, calendar, contacts, tasks) with policy ids (newer-wins, google-wins, application-wins).
     *
     * @throws InvalidSettingException naming the first setting that is wrong
     */
    public static WriteSettings of(Integer maxAttempts, Map<String, String> conflicts) {
        Map<Source, ConflictPolicy> policies = new EnumMap<>(Source.class);
        if (conflicts != null) {
            conflicts.forEach((sourceId, policyId) -> {
                Source source = Source.fromId(sourceId).orElseThrow(() -> new InvalidSettingException(
                        CONFLICTS + sourceId, "is not a source", "use gmail, calendar, contacts or tasks"));
                policies.put(source, ConflictPolicy.fromId(policyId == null ? "" : policyId.trim())
                        .orElseThrow(() -> new InvalidSettingException(CONFLICTS + sourceId, "is \"" + policyId
                                + "\"", "use newer-wins (the default), google-wins or application-wins")));
            });
        }
        WriteSettings defaults = defaults();
        return new WriteSettings(maxAttempts == null ? defaults.maxAttempts() : maxAttempts, policies,
                defaults.rateLimitFallback(), defaults.batch());
    }

    public ConflictPolicy policy(Source source) {
        return conflicts.get(source);
    }

    public WriteSettings withPolicy(Source source, ConflictPolicy policy) {
        Map<Source, ConflictPolicy> changed = new EnumMap<>(conflicts);
        changed.put(source, policy);
        return new WriteSettings(maxAttempts, changed, rateLimitFallback, batch);
    }

    public WriteSettings withMaxAttempts(int attempts) {
        return new WriteSettings(attempts, conflicts, rateLimitFallback, batch);
    }
}
