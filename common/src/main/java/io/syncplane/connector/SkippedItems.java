package io.syncplane.connector;

import io.syncplane.ledger.SkippedSoFar;
import io.syncplane.sync.SyncSession;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The malformed items one run skipped: each is logged at once, and the run's completion names them (how many, and
 * the first {@value SkippedSoFar#KEPT}) so an operator sees them in the sync state's last error and the run's record.
 * During a sync they are kept by the {@link SyncSession}, which commits them with every checkpoint: a run interrupted
 * after a page that skipped an item still names it when another attempt completes it.
 */
public final class SkippedItems {

    private static final Logger log = LoggerFactory.getLogger(SkippedItems.class);

    private final long connectionId;
    private final String kind;
    private final Supplier<SkippedSoFar> soFar;
    private final Consumer<SkippedSoFar.Item> sink;

    private SkippedItems(long connectionId, String kind, Supplier<SkippedSoFar> soFar,
                         Consumer<SkippedSoFar.Item> sink) {
        this.connectionId = connectionId;
        this.kind = kind;
        this.soFar = soFar;
        this.sink = sink;
    }

    /**
     * The skipped items of the session's run, the ones its earlier attempts skipped included.
     *
     * @param kind what the items are, singular, as a person reads it ("Gmail message", "task")
     */
    public static SkippedItems of(SyncSession session, String kind) {
        return new SkippedItems(session.state().key().connectionId(), kind, session::skipped, session::skip);
    }

    /** Skipped items kept only here, outside a sync session (mapping a page on its own). */
    public SkippedItems(long connectionId, String kind) {
        this(connectionId, kind, new AtomicReference<>(SkippedSoFar.NONE));
    }

    private SkippedItems(long connectionId, String kind, AtomicReference<SkippedSoFar> held) {
        this(connectionId, kind, held::get, item -> held.updateAndGet(s -> s.plus(item)));
    }

    public void record(MalformedItemException e) {
        log.warn("Connection {}: skipped malformed {} {}: {}", connectionId, kind, name(e.itemId()), e.getMessage());
        sink.accept(new SkippedSoFar.Item(e.itemId(), String.valueOf(e.getMessage())));
    }

    public long count() {
        return soFar.get().count();
    }

    /** Null when nothing was skipped. */
    public String warning() {
        SkippedSoFar skipped = soFar.get();
        if (skipped.isEmpty()) {
            return null;
        }
        String named = skipped.first().stream().map(item -> name(item.id()) + " (" + item.reason() + ")")
                .collect(Collectors.joining(", "));
        long unnamed = skipped.count() - skipped.first().size();
        String more = unnamed > 0 ? " and " + unnamed + " more" : "";
        return "skipped " + skipped.count() + " malformed " + kind + (skipped.count() == 1 ? "" : "s") + ": "
                + named + more;
    }

    /** Joins the warnings that are present (e.g. the safety valve's and this one) into one, or null. */
    public static String join(String... warnings) {
        String joined = Arrays.stream(warnings).filter(w -> w != null && !w.isBlank())
                .collect(Collectors.joining("; "));
        return joined.isEmpty() ? null : joined;
    }

    private static String name(String itemId) {
        return itemId == null ? "(no id)" : itemId;
    }
}
