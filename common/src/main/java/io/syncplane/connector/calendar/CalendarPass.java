package io.syncplane.connector.calendar;

import io.syncplane.connector.SkippedItems;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.ItemWrite;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedTables;
import io.syncplane.sync.SyncSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's pass over the calendars, in id order, and what it commits between them.
 *
 * <p>Two kinds of run. Without a cursor every calendar is listed in full under one generation, and the last page
 * sweeps, connection-wide, whatever no listing saw (calendars gone from the list included). With a cursor each
 * calendar continues from its own sync token; a calendar without one (new in the list, or whose token Calendar
 * answered with 410) is listed in full under its own generation and swept on its own, so a 410 on one calendar costs
 * only that calendar a resync; and the rows of calendars that left the list become tombstones on the last page.
 *
 * <p>Checkpoint: the phase names the step and the calendar ({@code calendar-full:<id>}, {@code calendar-resync:<id>},
 * {@code calendar-changes:<id>}), the page token where in it, the generation that listing marks rows with, and the
 * pending cursor the token map so far: each calendar's new token commits with its last page, so a resumed run keeps
 * what the calendars before it reached.
 */
final class CalendarPass {

    static final String FULL = "calendar-full";
    static final String RESYNC = "calendar-resync";
    static final String CHANGES = "calendar-changes";

    private static final Logger log = LoggerFactory.getLogger(CalendarPass.class);

    private final CalendarRun run;
    private final PostgresItemStore items;
    private final FullSyncSweep sweep;
    private final List<String> calendars;
    private final TreeMap<String, String> tokens;
    private final Long runGeneration;
    private final Resume resume;
    private final List<String> warnings = new ArrayList<>();

    /** Where the pass starts: a calendar, in which step, from which page, under which generation. */
    record Resume(int index, String phase, String pageToken, Long generation) {
    }

    private CalendarPass(CalendarRun run, PostgresItemStore items, FullSyncSweep sweep, List<String> calendars,
                         TreeMap<String, String> tokens, Long runGeneration, Resume resume) {
        this.run = run;
        this.items = items;
        this.sweep = sweep;
        this.calendars = calendars;
        this.tokens = tokens;
        this.runGeneration = runGeneration;
        this.resume = resume;
    }

    /**
     * @param cursor        the stored cursor; empty for a full run
     * @param useCheckpoint false when the run starts over and the checkpoint must not be resumed
     */
    static CalendarPass start(CalendarRun run, PostgresItemStore items, FullSyncSweep sweep, List<String> calendars,
                              Optional<CalendarCursor> cursor, boolean useCheckpoint) {
        boolean fullRun = cursor.isEmpty();
        Optional<SyncCheckpoint> checkpoint = useCheckpoint ? run.session().resumeFrom()
                .filter(cp -> fullRun ? cp.phase().startsWith(FULL + ":")
                        : cp.phase().startsWith(RESYNC + ":") || cp.phase().startsWith(CHANGES + ":"))
                .filter(cp -> CalendarCursor.parse(cp.pendingCursor()).isPresent())
                .filter(cp -> !fullRun || cp.generation() != null) : Optional.empty();
        TreeMap<String, String> tokens = new TreeMap<>(checkpoint
                .flatMap(cp -> CalendarCursor.parse(cp.pendingCursor()))
                .or(() -> cursor).orElseGet(CalendarCursor::empty).tokens());
        Long runGeneration = fullRun ? checkpoint.map(SyncCheckpoint::generation).orElseGet(items::newGeneration)
                : null;
        Resume resume = checkpoint.map(cp -> resumePoint(cp, calendars))
                // a checkpoint in a calendar's changes always has its token in the pending cursor; if not, start over
                .filter(r -> !CHANGES.equals(r.phase()) || tokens.containsKey(calendars.get(r.index())))
                .orElse(new Resume(0, null, null, null));
        return new CalendarPass(run, items, sweep, calendars, tokens, runGeneration, resume);
    }

    /**
     * The checkpoint's calendar, or the first one after it by id if it left the list: calendars before it were done
     * by the earlier attempt (their tokens are in the pending cursor).
     */
    private static Resume resumePoint(SyncCheckpoint checkpoint, List<String> calendars) {
        int colon = checkpoint.phase().indexOf(':');
        String phase = checkpoint.phase().substring(0, colon);
        String calendarId = checkpoint.phase().substring(colon + 1);
        for (int i = 0; i < calendars.size(); i++) {
            int order = calendars.get(i).compareTo(calendarId);
            if (order == 0) {
                return new Resume(i, phase, checkpoint.pageToken(), checkpoint.generation());
            }
            if (order > 0) {
                return new Resume(i, null, null, null);
            }
        }
        return new Resume(calendars.size(), null, null, null);
    }

    List<String> calendars() {
        return calendars;
    }

    Resume resume() {
        return resume;
    }

    boolean fullRun() {
        return runGeneration != null;
    }

    /** The generation of a full run, which every calendar's listing shares. */
    long runGeneration() {
        return runGeneration;
    }

    /** The step a calendar starts with when the pass reaches it. */
    String stepOf(String calendarId) {
        return fullRun() ? FULL : tokens.containsKey(calendarId) ? CHANGES : RESYNC;
    }

    String tokenOf(String calendarId) {
        return tokens.get(calendarId);
    }

    /** Calendar answered 410 for this calendar's token: from now on it has none, and is listed in full. */
    void forget(String calendarId) {
        tokens.remove(calendarId);
    }

    SyncCheckpoint checkpoint(String step, String calendarId, String pageToken, Long generation) {
        return SyncCheckpoint.of(step + ":" + calendarId, pageToken, SyncCounts.ZERO)
                .withPendingCursor(new CalendarCursor(tokens).encode()).withGeneration(generation);
    }

    /**
     * A calendar's last page: its rows commit with its new sync token; the last calendar's completes the run, with
     * the closing sweep.
     */
    void closeCalendar(String calendarId, Supplier<SyncSession.FinalPage> lastPage, String syncToken) {
        tokens.put(calendarId, syncToken);
        int index = calendars.indexOf(calendarId);
        if (index == calendars.size() - 1) {
            finish(lastPage);
            return;
        }
        String next = calendars.get(index + 1);
        run.session().commitPage(() -> {
            SyncSession.FinalPage page = lastPage.get();
            if (page.warning() != null) {
                warnings.add(page.warning());
            }
            return page.write();
        }, checkpoint(stepOf(next), next, null, fullRun() ? runGeneration : null));
        run.session().stopIfRequested();
    }

    /** Completes the run: the cursor is the token of every calendar in the list, nothing else. */
    void finish(Supplier<SyncSession.FinalPage> lastPage) {
        TreeMap<String, String> committed = new TreeMap<>(tokens);
        committed.keySet().retainAll(calendars);
        run.session().finish(() -> {
            SyncSession.FinalPage page = lastPage.get();
            SyncSession.FinalPage closing = fullRun() ? sweepUnseen() : tombstoneLeftCalendars();
            List<String> all = new ArrayList<>(warnings);
            all.add(page.warning());
            all.add(closing.warning());
            all.add(run.skipped().warning());
            return new SyncSession.FinalPage(page.write().plus(closing.write()),
                    SkippedItems.join(all.toArray(String[]::new)));
        }, new CalendarCursor(committed).encode());
    }

    /** A full run's sweep: every row no listing of this run saw, in any calendar, under the safety valve. */
    private SyncSession.FinalPage sweepUnseen() {
        FullSyncSweep.Result swept = sweep.sweep(SyncedTables.CALENDAR_EVENT, run.connectionId(), runGeneration,
                Map.of(), run.session().state().forceFullSync());
        return new SyncSession.FinalPage(swept.write(), swept.warning());
    }

    /**
     * The calendars that left the list (the user unsubscribed, deleted it, or lost access): their rows become
     * tombstones, unless that would delete more than the sweep's share of all stored events, which looks more like
     * a truncated calendar list than like the user's doing. Then they are kept and the run says so, as the sweep does.
     */
    private SyncSession.FinalPage tombstoneLeftCalendars() {
        List<String> left = tokens.keySet().stream().filter(id -> !calendars.contains(id)).toList();
        if (left.isEmpty()) {
            return new SyncSession.FinalPage(ItemWrite.NONE, null);
        }
        long doomed = 0;
        for (String calendarId : left) {
            doomed += items.countLive(SyncedTables.CALENDAR_EVENT, run.connectionId(),
                    Map.of("calendar_id", calendarId));
        }
        long live = items.countLive(SyncedTables.CALENDAR_EVENT, run.connectionId(), Map.of());
        if (doomed > 0 && !run.session().state().forceFullSync()
                && doomed > FullSyncSweep.DEFAULT_MAX_DELETE_FRACTION * live) {
            return new SyncSession.FinalPage(ItemWrite.NONE, String.format(Locale.ROOT,
                    "safety valve: calendars %s left the calendar list, and tombstoning their %d of %d stored events "
                            + "is more than the sweep allows; they are kept. Run a forced full resync to apply it.",
                    left, doomed, live));
        }
        int swept = 0;
        for (String calendarId : left) {
            // Long.MAX_VALUE: every row's generation is below it, so every live row of the calendar goes
            swept += items.sweepUnseen(SyncedTables.CALENDAR_EVENT, run.connectionId(), Long.MAX_VALUE,
                    Map.of("calendar_id", calendarId));
        }
        log.info("Connection {}: calendars {} left the calendar list; {} events tombstoned", run.connectionId(), left,
                swept);
        return new SyncSession.FinalPage(new ItemWrite(0, 0, swept, 0), null);
    }
}
