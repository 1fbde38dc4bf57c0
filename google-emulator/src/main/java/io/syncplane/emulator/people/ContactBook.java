package io.syncplane.emulator.people;

import io.syncplane.emulator.seed.SeedRandom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/** A user's contacts (with deletion tombstones), change sequence and sync-token state. */
public final class ContactBook {

    private final Clock clock;
    private final Duration horizon;
    private final SeedRandom ids;
    private final TreeMap<String, Contact> contacts = new TreeMap<>();
    private long seq;
    private long prunedSeq;
    private int epoch = 1;

    ContactBook(Clock clock, Duration horizon, SeedRandom ids, List<Contact> seeded, long seq) {
        this.clock = clock;
        this.horizon = horizon;
        this.ids = ids;
        seeded.forEach(contact -> contacts.put(contact.resourceName(), contact));
        this.seq = seq;
    }

    public synchronized boolean canSyncFrom(int tokenEpoch, long sinceSeq) {
        prune();
        return tokenEpoch == epoch && sinceSeq >= prunedSeq && sinceSeq <= seq;
    }

    public synchronized int epoch() {
        return epoch;
    }

    /** Items matching {@code filter} in ascending {@code sortKey} order after {@code afterKey}. */
    public synchronized ContactsPage page(Predicate<Contact> filter, Function<Contact, String> sortKey,
                                          String afterKey, int max) {
        prune();
        List<Map.Entry<String, Contact>> ordered = new ArrayList<>();
        int live = 0;
        for (Contact contact : contacts.values()) {
            if (!contact.deleted()) {
                live++;
            }
            String key = sortKey.apply(contact);
            if ((afterKey == null || key.compareTo(afterKey) > 0) && filter.test(contact)) {
                ordered.add(Map.entry(key, contact));
            }
        }
        ordered.sort(Map.Entry.comparingByKey());
        List<Contact> items = new ArrayList<>(Math.min(max, ordered.size()));
        for (int i = 0; i < ordered.size() && i < max; i++) {
            items.add(ordered.get(i).getValue());
        }
        String nextKey = ordered.size() > max ? ordered.get(max - 1).getKey() : null;
        return new ContactsPage(items, nextKey, seq, epoch, live);
    }

    public synchronized List<Contact> liveContacts() {
        return contacts.values().stream().filter(contact -> !contact.deleted()).toList();
    }

    public synchronized Contact add(NewContact draft) {
        String resourceName;
        do {
            resourceName = "people/c" + ids.digits(19);
        } while (contacts.containsKey(resourceName));
        Contact contact = new Contact(resourceName, draft.givenName(), draft.familyName(), draft.email(),
                draft.phone(), draft.organization(), clock.instant(), ++seq, false);
        contacts.put(resourceName, contact);
        return contact;
    }

    public synchronized Contact update(String resourceName, ContactChange change) {
        Contact old = requireLive(resourceName);
        Contact contact = new Contact(resourceName,
                change.givenName() != null ? change.givenName() : old.givenName(),
                change.familyName() != null ? change.familyName() : old.familyName(),
                change.email() != null ? change.email() : old.email(),
                change.phone() != null ? change.phone() : old.phone(),
                change.organization() != null ? change.organization() : old.organization(),
                clock.instant(), ++seq, false);
        contacts.put(resourceName, contact);
        return contact;
    }

    public synchronized Contact delete(String resourceName) {
        Contact old = requireLive(resourceName);
        Contact tombstone = new Contact(resourceName, old.givenName(), old.familyName(), old.email(), old.phone(),
                old.organization(), clock.instant(), ++seq, true);
        contacts.put(resourceName, tombstone);
        return tombstone;
    }

    public synchronized void expireCursors() {
        epoch++;
    }

    private Contact requireLive(String resourceName) {
        Contact contact = contacts.get(resourceName);
        if (contact == null || contact.deleted()) {
            throw new NoSuchElementException("no contact " + resourceName);
        }
        return contact;
    }

    private void prune() {
        Instant oldest = clock.instant().minus(horizon);
        contacts.values().removeIf(contact -> {
            if (contact.deleted() && contact.updated().isBefore(oldest)) {
                prunedSeq = Math.max(prunedSeq, contact.changeSeq());
                return true;
            }
            return false;
        });
    }
}
