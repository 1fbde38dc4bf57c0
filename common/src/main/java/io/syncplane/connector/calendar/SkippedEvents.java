package io.syncplane.connector.calendar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The malformed events one run skipped. Each is logged when skipped; the run's completion carries a warning naming
 * how many and which, so an operator sees them in the ledger without reading logs.
 */
final class SkippedEvents {

    private static final Logger log = LoggerFactory.getLogger(SkippedEvents.class);
    private static final int IDS_NAMED = 20;

    private final long connectionId;
    private final List<MalformedEventException> skipped = new ArrayList<>();

    SkippedEvents(long connectionId) {
        this.connectionId = connectionId;
    }

    void record(MalformedEventException e) {
        log.warn("Calendar sync of connection {} skipped malformed event {}: {}", connectionId,
                e.eventId() == null ? "(no id)" : e.eventId(), e.getMessage());
        skipped.add(e);
    }

    /** Null when nothing was skipped. */
    String warning() {
        if (skipped.isEmpty()) {
            return null;
        }
        String named = skipped.stream().limit(IDS_NAMED)
                .map(e -> (e.eventId() == null ? "(no id)" : e.eventId()) + " (" + e.getMessage() + ")")
                .collect(Collectors.joining(", "));
        String more = skipped.size() > IDS_NAMED ? " and " + (skipped.size() - IDS_NAMED) + " more" : "";
        return "skipped " + skipped.size() + " malformed Calendar event" + (skipped.size() == 1 ? "" : "s") + ": "
                + named + more;
    }

    /** Joins the warnings that are present into one ledger message, or null. */
    static String join(String... warnings) {
        String joined = Arrays.stream(warnings).filter(w -> w != null && !w.isBlank())
                .collect(Collectors.joining("; "));
        return joined.isEmpty() ? null : joined;
    }
}
