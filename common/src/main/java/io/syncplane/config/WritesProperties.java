package io.syncplane.config;

import io.syncplane.startup.InvalidSettingException;
import io.syncplane.writeback.WriteSettings;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code syncplane.writes}: how the worker sends applications' changes to Google (two-way sync).
 *
 * @param maxAttempts attempts without a definite answer before an operation is failed for good (default 8); text, so
 *                    that a value that is no number gets the same one-line error as one out of range
 * @param conflicts   per source id (gmail, calendar, contacts, tasks): newer-wins (default), google-wins or
 *                    application-wins
 */
@ConfigurationProperties("syncplane.writes")
public record WritesProperties(String maxAttempts, Map<String, String> conflicts) {

    /** The settings, or a one-line {@link InvalidSettingException} naming the setting that is wrong. */
    public WriteSettings settings() {
        Integer attempts = null;
        if (maxAttempts != null && !maxAttempts.isBlank()) {
            try {
                attempts = Integer.valueOf(maxAttempts.trim());
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(WriteSettings.MAX_ATTEMPTS, "\"" + maxAttempts
                        + "\" is not a number", "set it to 1 or more (default 8)");
            }
        }
        return WriteSettings.of(attempts, conflicts);
    }
}
