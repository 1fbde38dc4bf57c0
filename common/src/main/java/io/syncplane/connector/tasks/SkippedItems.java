package io.syncplane.connector.tasks;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The malformed items one run skipped. Each is logged when seen; the run's completion carries a warning naming how
 * many and which, so operators see it in last_error without the sync failing.
 */
final class SkippedItems {

    private static final Logger log = LoggerFactory.getLogger(SkippedItems.class);
    private static final int NAMED_IN_WARNING = 20;

    private final long connectionId;
    private final List<String> entries = new ArrayList<>();

    SkippedItems(long connectionId) {
        this.connectionId = connectionId;
    }

    void record(MalformedItemException malformed) {
        log.warn("Connection {}: skipping malformed task {}: {}", connectionId, malformed.itemId(),
                malformed.getMessage());
        entries.add(malformed.itemId() + " (" + malformed.getMessage() + ")");
    }

    int count() {
        return entries.size();
    }

    /** This run's warning joined to {@code other} (e.g. the safety valve's); null when neither has anything. */
    String warningWith(String other) {
        String mine = entries.isEmpty() ? null : "skipped " + entries.size() + " malformed task(s): "
                + String.join(", ", entries.subList(0, Math.min(NAMED_IN_WARNING, entries.size())))
                + (entries.size() > NAMED_IN_WARNING ? ", ..." : "");
        if (mine == null) {
            return other;
        }
        return other == null ? mine : other + "; " + mine;
    }
}
