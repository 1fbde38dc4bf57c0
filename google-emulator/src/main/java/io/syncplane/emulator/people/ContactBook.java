package io.syncplane.emulator.people;

import io.syncplane.emulator.seed.SeedRandom;
import io.syncplane.emulator.store.StaleEtagException;

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
import java.util.function.UnaryOperator;

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
        Contact contact = stored(resourceName, draft, false);
        contacts.put(resourceName, contact);
        return contact;
    }

    /** The live contact, or null (unknown or deleted). */
    public synchronized Contact contact(String resourceName) {
        Contact contact = contacts.get(resourceName);
        return contact == null || contact.deleted() ? null : contact;
    }

    public synchronized Contact update(String resourceName, ContactChange change) {
        return edit(resourceName, null, change::applyTo);
    }

    /**
     * Rewrites a live contact's content with {@code edit}, applied under the book's lock; when {@code expectedEtag}
     * is given (either spelling: the person's or its source's) and is not the current one, a
     * {@link StaleEtagException} and no change.
     */
    public synchronized Contact edit(String resourceName, String expectedEtag, UnaryOperator<NewContact> edit) {
        Contact old = requireLive(resourceName);
        if (expectedEtag != null && !expectedEtag.equals(old.sourceEtag())) {
            StaleEtagException.check(expectedEtag, old.etag());
        }
        Contact contact = stored(resourceName, edit.apply(old.content()), false);
        contacts.put(resourceName, contact);
        return contact;
    }

    public synchronized Contact delete(String resourceName) {
        Contact tombstone = stored(resourceName, requireLive(resourceName).content(), true);
        contacts.put(resourceName, tombstone);
        return tombstone;
    }

    private Contact stored(String resourceName, NewContact content, boolean deleted) {
        return new Contact(resourceName, content.givenName(), content.familyName(), content.email(), content.phone(),
                content.organization(), clock.instant(), ++seq, deleted, content.clientData());
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
