package io.syncplane.emulator.calendar;

import io.syncplane.emulator.seed.SeedRandom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One calendar: events (with cancelled tombstones), a change sequence, and the cursor state that decides whether a sync
 * token is still good: tokens from an older epoch (admin expiry) or older than the pruned tombstones get 410.
 */
public final class EmulatedCalendar {

    private final String id;
    private final String summary;
    private final String owner;
    private final Clock clock;
    private final Duration horizon;
    private final SeedRandom ids;
    private final TreeMap<String, CalendarEvent> events = new TreeMap<>();
    private long seq;
    private long prunedSeq;
    private int epoch = 1;

    EmulatedCalendar(String id, String summary, String owner, Clock clock, Duration horizon, SeedRandom ids,
                     List<CalendarEvent> seeded, long seq) {
        this.id = id;
        this.summary = summary;
        this.owner = owner;
        this.clock = clock;
        this.horizon = horizon;
        this.ids = ids;
        seeded.forEach(event -> events.put(event.id(), event));
        this.seq = seq;
    }

    public String id() {
        return id;
    }

    public String summary() {
        return summary;
    }

    public String owner() {
        return owner;
    }

    public synchronized long seq() {
        return seq;
    }

    public synchronized int epoch() {
        return epoch;
    }

    /** Whether changes after {@code sinceSeq} (in {@code tokenEpoch}) can still be listed. */
    public synchronized boolean canSyncFrom(int tokenEpoch, long sinceSeq) {
        prune();
        return tokenEpoch == epoch && sinceSeq >= prunedSeq && sinceSeq <= seq;
    }

    /**
     * Items matching {@code filter} in ascending {@code sortKey} order after {@code afterKey}; a null key function
     * orders by id.
     */
    public synchronized EventsPage page(Predicate<CalendarEvent> filter, Function<CalendarEvent, String> sortKey,
                                        String afterKey, int max) {
        prune();
        List<Map.Entry<String, CalendarEvent>> ordered = new ArrayList<>();
        if (sortKey == null) {
            Map<String, CalendarEvent> view = afterKey == null ? events : events.tailMap(afterKey, false);
            view.forEach((key, event) -> ordered.add(Map.entry(key, event)));
        } else {
            for (CalendarEvent event : events.values()) {
                String key = sortKey.apply(event);
                if (afterKey == null || key.compareTo(afterKey) > 0) {
                    ordered.add(Map.entry(key, event));
                }
            }
            ordered.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        }
        List<CalendarEvent> items = new ArrayList<>(Math.min(max, 64));
        String lastKey = null;
        String nextKey = null;
        for (Map.Entry<String, CalendarEvent> entry : ordered) {
            if (!filter.test(entry.getValue())) {
                continue;
            }
            if (items.size() == max) {
                nextKey = lastKey;
                break;
            }
            items.add(entry.getValue());
            lastKey = entry.getKey();
        }
        return new EventsPage(items, nextKey, seq, epoch);
    }

    public synchronized CalendarEvent event(String eventId) {
        return events.get(eventId);
    }

    public synchronized List<CalendarEvent> liveEvents() {
        return events.values().stream().filter(event -> !event.cancelled()).toList();
    }

    public synchronized CalendarEvent add(NewEvent draft) {
        Instant now = clock.instant();
        String eventId;
        do {
            eventId = ids.base32hex(26);
        } while (events.containsKey(eventId));
        CalendarEvent event = new CalendarEvent(eventId, "confirmed", draft.summary(), draft.description(),
                draft.location(), draft.start(), draft.end(), now, now, 0, ++seq, owner);
        events.put(eventId, event);
        return event;
    }

    public synchronized CalendarEvent update(String eventId, EventChange change) {
        CalendarEvent old = requireLive(eventId);
        CalendarEvent event = new CalendarEvent(old.id(), old.status(),
                change.summary() != null ? change.summary() : old.summary(),
                change.description() != null ? change.description() : old.description(),
                change.location() != null ? change.location() : old.location(),
                change.start() != null ? change.start() : old.start(),
                change.end() != null ? change.end() : old.end(),
                old.created(), clock.instant(), old.sequence() + 1, ++seq, old.organizer());
        events.put(eventId, event);
        return event;
    }

    public synchronized CalendarEvent cancel(String eventId) {
        CalendarEvent old = requireLive(eventId);
        CalendarEvent event = new CalendarEvent(old.id(), "cancelled", old.summary(), old.description(),
                old.location(), old.start(), old.end(), old.created(), clock.instant(), old.sequence() + 1, ++seq,
                old.organizer());
        events.put(eventId, event);
        return event;
    }

    /** Invalidates every sync token handed out so far. */
    public synchronized void expireCursors() {
        epoch++;
    }

    private CalendarEvent requireLive(String eventId) {
        CalendarEvent event = events.get(eventId);
        if (event == null || event.cancelled()) {
            throw new NoSuchElementException("no event " + eventId + " in calendar " + id);
        }
        return event;
    }

    /** Drops tombstones older than the horizon; tokens that would have needed them become expired. */
    private void prune() {
        Instant oldest = clock.instant().minus(horizon);
        events.values().removeIf(event -> {
            if (event.cancelled() && event.updated().isBefore(oldest)) {
                prunedSeq = Math.max(prunedSeq, event.changeSeq());
                return true;
            }
            return false;
        });
    }
}
