package io.syncplane.connector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The malformed items one run skipped: each is logged at once, and the run's completion names them (how many, and
 * the first twenty) so an operator sees them in the sync state's last error.
 */
public final class SkippedItems {

    private static final Logger log = LoggerFactory.getLogger(SkippedItems.class);
    private static final int NAMED = 20;

    private final long connectionId;
    private final String kind;
    private final List<MalformedItemException> skipped = new ArrayList<>();

    /** @param kind what the items are, singular, as a person reads it ("Gmail message", "task") */
    public SkippedItems(long connectionId, String kind) {
        this.connectionId = connectionId;
        this.kind = kind;
    }

    public void record(MalformedItemException e) {
        log.warn("Connection {}: skipped malformed {} {}: {}", connectionId, kind, name(e), e.getMessage());
        skipped.add(e);
    }

    public int count() {
        return skipped.size();
    }

    /** Null when nothing was skipped. */
    public String warning() {
        if (skipped.isEmpty()) {
            return null;
        }
        String named = skipped.stream().limit(NAMED).map(e -> name(e) + " (" + e.getMessage() + ")")
                .collect(Collectors.joining(", "));
        String more = skipped.size() > NAMED ? " and " + (skipped.size() - NAMED) + " more" : "";
        return "skipped " + skipped.size() + " malformed " + kind + (skipped.size() == 1 ? "" : "s") + ": " + named
                + more;
    }

    /** Joins the warnings that are present (e.g. the safety valve's and this one) into one, or null. */
    public static String join(String... warnings) {
        String joined = Arrays.stream(warnings).filter(w -> w != null && !w.isBlank())
                .collect(Collectors.joining("; "));
        return joined.isEmpty() ? null : joined;
    }

    private static String name(MalformedItemException e) {
        return e.itemId() == null ? "(no id)" : e.itemId();
    }
}
