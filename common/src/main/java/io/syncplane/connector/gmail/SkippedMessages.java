package io.syncplane.connector.gmail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The malformed messages one run skipped. Each is logged when skipped; the run's completion carries a warning naming
 * how many and which, so an operator sees them in the ledger without reading logs.
 */
final class SkippedMessages {

    private static final Logger log = LoggerFactory.getLogger(SkippedMessages.class);
    private static final int IDS_NAMED = 20;

    private final long connectionId;
    private final List<MalformedMessageException> skipped = new ArrayList<>();

    SkippedMessages(long connectionId) {
        this.connectionId = connectionId;
    }

    void record(MalformedMessageException e) {
        log.warn("Gmail sync of connection {} skipped malformed message {}: {}", connectionId,
                e.messageId() == null ? "(no id)" : e.messageId(), e.getMessage());
        skipped.add(e);
    }

    /** Null when nothing was skipped. */
    String warning() {
        if (skipped.isEmpty()) {
            return null;
        }
        String named = skipped.stream().limit(IDS_NAMED)
                .map(e -> (e.messageId() == null ? "(no id)" : e.messageId()) + " (" + e.getMessage() + ")")
                .collect(Collectors.joining(", "));
        String more = skipped.size() > IDS_NAMED ? " and " + (skipped.size() - IDS_NAMED) + " more" : "";
        return "skipped " + skipped.size() + " malformed Gmail message" + (skipped.size() == 1 ? "" : "s") + ": "
                + named + more;
    }

    /** Joins the warnings that are present into one ledger message, or null. */
    static String join(String... warnings) {
        String joined = java.util.Arrays.stream(warnings).filter(w -> w != null && !w.isBlank())
                .collect(Collectors.joining("; "));
        return joined.isEmpty() ? null : joined;
    }
}
