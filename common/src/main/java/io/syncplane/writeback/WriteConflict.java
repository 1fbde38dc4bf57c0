package io.syncplane.writeback;

import io.syncplane.domain.Source;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A conflict found while applying an operation: Google's copy changed after the version the application based its
 * change on. Recorded with both versions and the decision, whichever way it went.
 *
 * @param googleVersion      Google's copy at the time (its resource JSON), or null when it was gone
 * @param applicationVersion the operation's fields
 */
public record WriteConflict(long id, long operationId, long userId, long connectionId, Source source, String itemId,
                            ConflictPolicy policy, Decision decision, String reason,
                            Map<String, Object> googleVersion, Instant googleModifiedAt,
                            Map<String, Object> applicationVersion, Instant applicationModifiedAt,
                            Instant detectedAt) {

    public enum Decision {
        GOOGLE_WON, APPLICATION_WON;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Decision fromId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }
}
