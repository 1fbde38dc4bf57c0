package io.syncplane.emulator.calendar;

import io.syncplane.emulator.seed.SeedRandom;
import io.syncplane.emulator.store.StaleEtagException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One calendar: events (with cancelled tombstones), a change sequence, and the cursor state that decides whether a sync
 * token is still good: tokens from an older epoch (admin expiry) or older than the pruned tombstones get 410. It also
 * carries what the user's calendar list says of it: the user's access role, and whether the user removed it from the
 * list ({@link CalendarBook} decides that; a removed calendar answers 404).
 */
public final class EmulatedCalendar {

    private final String id;
    private final String summary;
    private final String owner;
    private final String accessRole;
    private final Clock clock;
    private final Duration horizon;
    private final SeedRandom ids;
    private final TreeMap<String, CalendarEvent> events = new TreeMap<>();
    private long seq;
    private long prunedSeq;
    private int epoch = 1;
    private boolean removed;
    private long listSeq;

    EmulatedCalendar(String id, String summary, String owner, String accessRole, Clock clock, Duration horizon,
                     SeedRandom ids, List<CalendarEvent> seeded, long seq) {
        this.id = id;
        this.summary = summary;
        this.owner = owner;
        this.accessRole = AccessRole.require(accessRole);
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

    /** The user's role on this calendar: freeBusyReader, reader, writer or owner. */
    public String accessRole() {
        return accessRole;
    }

    /** Whether the user removed it from the calendar list. */
    public synchronized boolean removed() {
        return removed;
    }

    /** The calendar list's change sequence number at this entry's last change. */
    public synchronized long listSeq() {
        return listSeq;
    }

    synchronized void listChanged(long seq, boolean nowRemoved) {
        this.listSeq = seq;
        this.removed = nowRemoved;
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

    /**
     * What a full listing with Google's defaults (showDeleted=false, singleEvents=false) returns: live events and
     * series, and the exceptions of live series, cancelled occurrences included.
     */
    public synchronized List<CalendarEvent> listedEvents() {
        return events.values().stream().filter(event -> listed(event, false, false)).toList();
    }

    /**
     * Google's rule for a listing without a sync token: cancelled events only with showDeleted, except that
     * "cancelled instances of recurring events (but not the underlying recurring event) will still be included if
     * showDeleted and singleEvents are both False"; exceptions of a deleted series go with it.
     */
    synchronized boolean listed(CalendarEvent event, boolean showDeleted, boolean singleEvents) {
        if (showDeleted) {
            return true;
        }
        if (event.exception() && !seriesLive(event.recurringEventId())) {
            return false;
        }
        return !event.cancelled() || (event.exception() && !singleEvents);
    }

    private boolean seriesLive(String masterId) {
        CalendarEvent master = events.get(masterId);
        return master != null && !master.cancelled();
    }

    public synchronized CalendarEvent add(NewEvent draft) {
        String eventId;
        do {
            eventId = ids.base32hex(26);
        } while (events.containsKey(eventId));
        return create(eventId, draft);
    }

    /**
     * events.insert with a client-supplied id: null when the calendar already has an event with it, a cancelled one
     * included (Calendar answers 409 duplicate).
     */
    public synchronized CalendarEvent add(NewEvent draft, String clientId) {
        if (events.containsKey(clientId)) {
            return null;
        }
        return create(clientId, draft);
    }

    private CalendarEvent create(String eventId, NewEvent draft) {
        Instant now = clock.instant();
        CalendarEvent event = new CalendarEvent(eventId, "confirmed", draft.summary(), draft.description(),
                draft.location(), draft.start(), draft.end(), now, now, 0, ++seq, owner, draft.recurrence(), null,
                null);
        events.put(eventId, event);
        return event;
    }

    /** Changes an event, a series (every occurrence without an exception) or an exception. */
    public synchronized CalendarEvent update(String eventId, EventChange change) {
        return update(eventId, change, null);
    }

    /**
     * {@link #update(String, EventChange)} if the event's etag is still {@code ifMatch} (null: unconditionally);
     * otherwise a {@link StaleEtagException} and no change.
     */
    public synchronized CalendarEvent update(String eventId, EventChange change, String ifMatch) {
        CalendarEvent live = requireLive(eventId);
        StaleEtagException.check(ifMatch, live.etag());
        CalendarEvent event = live.changed("confirmed", change, clock.instant(), ++seq);
        events.put(eventId, event);
        return event;
    }

    /** Deletes an event or a whole series (its exceptions go with it), or cancels one exception's occurrence. */
    public synchronized CalendarEvent cancel(String eventId) {
        return cancel(eventId, null);
    }

    /** {@link #cancel(String)} if the event's etag is still {@code ifMatch} (null: unconditionally). */
    public synchronized CalendarEvent cancel(String eventId, String ifMatch) {
        CalendarEvent live = requireLive(eventId);
        StaleEtagException.check(ifMatch, live.etag());
        CalendarEvent event = live.changed("cancelled", null, clock.instant(), ++seq);
        events.put(eventId, event);
        return event;
    }

    /**
     * Changes one occurrence of a series: the occurrence becomes an exception with the id Google gives it, or the
     * existing exception changes.
     */
    public synchronized CalendarEvent changeInstance(String masterId, EventTime originalStart, EventChange change) {
        CalendarEvent existing = existingInstance(masterId, originalStart);
        if (existing != null) {
            return update(existing.id(), change);
        }
        CalendarEvent event = newException(masterId, originalStart, "confirmed").changed("confirmed", change,
                clock.instant(), ++seq);
        events.put(event.id(), event);
        return event;
    }

    /** Cancels one occurrence of a series: a cancelled exception, which listings keep returning with the series. */
    public synchronized CalendarEvent cancelInstance(String masterId, EventTime originalStart) {
        CalendarEvent existing = existingInstance(masterId, originalStart);
        if (existing != null) {
            return cancel(existing.id());
        }
        CalendarEvent event = newException(masterId, originalStart, "cancelled").changed("cancelled", null,
                clock.instant(), ++seq);
        events.put(event.id(), event);
        return event;
    }

    private CalendarEvent existingInstance(String masterId, EventTime originalStart) {
        CalendarEvent master = requireLive(masterId);
        if (!master.series()) {
            throw new IllegalArgumentException("event " + masterId + " is not a recurring event");
        }
        if (!Recurrence.parse(master.recurrence()).occursAt(master.start(), originalStart)) {
            throw new NoSuchElementException("series " + masterId + " has no occurrence at " + originalStart);
        }
        CalendarEvent existing = events.get(Recurrence.instanceId(masterId, originalStart));
        if (existing != null && existing.cancelled()) {
            throw new NoSuchElementException("occurrence " + existing.id() + " is cancelled");
        }
        return existing;
    }

    /**
     * An exception as the series would have had it, before the change: it starts at the master's sequence, which
     * the change then raises if it moves the occurrence.
     */
    private CalendarEvent newException(String masterId, EventTime originalStart, String status) {
        CalendarEvent master = events.get(masterId);
        Duration length = Duration.between(master.start().instant(), master.end().instant());
        EventTime end = originalStart.date() != null
                ? EventTime.allDay(originalStart.date().plusDays(Math.max(1, length.toDays())))
                : EventTime.at(originalStart.dateTime().plus(length));
        Instant now = clock.instant();
        return new CalendarEvent(Recurrence.instanceId(masterId, originalStart), status, master.summary(),
                master.description(), master.location(), originalStart, end, now, now, master.sequence(), seq,
                master.organizer(), null, masterId, originalStart);
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

    /**
     * Drops tombstones older than the horizon; tokens that would have needed them become expired. A cancelled
     * occurrence of a live series is no tombstone but part of the series, and stays as long as the series does.
     */
    private void prune() {
        Instant oldest = clock.instant().minus(horizon);
        Set<String> keptWithSeries = events.values().stream()
                .filter(event -> event.exception() && event.cancelled() && seriesLive(event.recurringEventId()))
                .map(CalendarEvent::id).collect(Collectors.toSet());
        events.values().removeIf(event -> {
            if (event.cancelled() && event.updated().isBefore(oldest) && !keptWithSeries.contains(event.id())) {
                prunedSeq = Math.max(prunedSeq, event.changeSeq());
                return true;
            }
            return false;
        });
    }
}
