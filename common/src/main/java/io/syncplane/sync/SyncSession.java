package io.syncplane.sync;

import io.syncplane.ledger.SkippedSoFar;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCompletion;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.store.ItemWrite;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A running sync as its job sees it. Every page goes through {@link #commitPage}: the page's rows and the checkpoint
 * after it commit in one transaction, so a sync interrupted anywhere resumes from the last committed page and never
 * writes a page's effect twice. {@link #complete} does the same with the final cursor. What the run has examined and
 * the malformed items it skipped travel with each checkpoint too, so a resumed attempt carries on counting and
 * reporting from where the interrupted one stopped.
 */
public final class SyncSession {

    private final SyncStateStore states;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final PollSchedule pollSchedule;
    private final BooleanSupplier stopRequested;
    private final Consumer<SyncCounts> committed;
    private volatile SyncState state;
    private SyncCounts counts;
    private long examined;
    private SkippedSoFar skipped;

    public SyncSession(SyncState started, SyncStateStore states, TransactionTemplate transactions, Clock clock,
                       Duration pollInterval, BooleanSupplier stopRequested) {
        this(started, states, transactions, clock, PollSchedule.fixed(pollInterval), stopRequested);
    }

    public SyncSession(SyncState started, SyncStateStore states, TransactionTemplate transactions, Clock clock,
                       PollSchedule pollSchedule, BooleanSupplier stopRequested) {
        this(started, states, transactions, clock, pollSchedule, stopRequested, page -> { });
    }

    /**
     * @param committed told each page's own counts once the page has committed (so a page that is rolled back and
     *                  fetched again by a later attempt is only ever reported once, by the attempt that commits it)
     */
    public SyncSession(SyncState started, SyncStateStore states, TransactionTemplate transactions, Clock clock,
                       PollSchedule pollSchedule, BooleanSupplier stopRequested, Consumer<SyncCounts> committed) {
        this.committed = committed;
        this.state = started;
        this.states = states;
        this.transactions = transactions;
        this.clock = clock;
        this.pollSchedule = pollSchedule;
        this.stopRequested = stopRequested;
        SyncCheckpoint resumed = started.checkpoint();
        this.counts = resumed == null ? SyncCounts.ZERO : resumed.counts();
        this.examined = resumed == null ? 0 : resumed.examined();
        this.skipped = resumed == null ? SkippedSoFar.NONE : resumed.skipped();
    }

    /** The ledger row as of the last commit (heartbeats excluded). */
    public SyncState state() {
        return state;
    }

    /** The stored cursor; absent means this run is a full sync. */
    public Optional<String> cursor() {
        return Optional.ofNullable(state.cursor());
    }

    /** Where an earlier, interrupted attempt of this sync stopped. */
    public Optional<SyncCheckpoint> resumeFrom() {
        return Optional.ofNullable(state.checkpoint());
    }

    public SyncCounts counts() {
        return counts;
    }

    /** Items the run has examined in the pages committed so far, changed or not. */
    public long examined() {
        return examined;
    }

    /** The malformed items this run has skipped, earlier attempts of it included. */
    public SkippedSoFar skipped() {
        return skipped;
    }

    /**
     * Records a skipped item. It is committed with the next page's checkpoint (or reported by the completion), so
     * it reaches the run's final report even if this attempt is interrupted after that page.
     */
    public void skip(SkippedSoFar.Item item) {
        skipped = skipped.plus(item);
    }

    public boolean stopRequested() {
        return stopRequested.getAsBoolean();
    }

    /** Throws {@link SyncStoppedException} when the worker is shutting down; call between pages. */
    public void stopIfRequested() {
        if (stopRequested()) {
            throw new SyncStoppedException();
        }
    }

    /** Writes one page and the checkpoint after it atomically; the checkpoint's counts are the run's running total. */
    public SyncState commitPage(Supplier<ItemWrite> pageWrite, SyncCheckpoint next) {
        return commit(pageWrite, (total, examinedTotal) -> states.checkpoint(state,
                next.withCounts(total).withExamined(examinedTotal).withSkipped(skipped)));
    }

    /** Writes the last page and commits the new cursor with it; the sync is then idle until its next poll. */
    public SyncState complete(Supplier<ItemWrite> lastWrite, String cursor) {
        return finish(() -> new FinalPage(lastWrite.get(), null), cursor);
    }

    /** As {@link #complete}, for a last page that may carry a warning for operators (the safety valve's). */
    public SyncState finish(Supplier<FinalPage> lastPage, String cursor) {
        String[] warning = new String[1];
        return commit(() -> {
            FinalPage page = lastPage.get();
            warning[0] = page.warning();
            return page.write();
        }, (total, examinedTotal) -> states.complete(state, new SyncCompletion(cursor, total, examinedTotal,
                clock.instant().plus(pollSchedule.intervalAfter(state, total)), warning[0])));
    }

    /** What the last page of a run wrote, and a warning to record with the success, or null. */
    public record FinalPage(ItemWrite write, String warning) {
    }

    /** Google says the cursor is gone: forget it, so the rest of this run is a full sync. */
    public SyncState clearCursor(String reason) {
        SyncState cleared = states.clearCursor(state, reason);
        state = cleared;
        // the full sync that follows reads everything again, skipped items included
        counts = SyncCounts.ZERO;
        examined = 0;
        skipped = SkippedSoFar.NONE;
        return cleared;
    }

    /** Runs the write and the ledger transition in one transaction; the session moves on only once it committed. */
    private SyncState commit(Supplier<ItemWrite> write, BiFunction<SyncCounts, Long, SyncState> transition) {
        Committed done = transactions.execute(tx -> {
            ItemWrite written = write.get();
            SyncCounts page = written.counts();
            SyncCounts total = counts.plus(page);
            long examinedTotal = examined + written.examined();
            return new Committed(transition.apply(total, examinedTotal), total, examinedTotal, page);
        });
        state = done.state();
        counts = done.counts();
        examined = done.examined();
        committed.accept(done.page());
        return done.state();
    }

    private record Committed(SyncState state, SyncCounts counts, long examined, SyncCounts page) {
    }
}
