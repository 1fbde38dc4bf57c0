package io.syncplane.emulator.gmail;

import io.syncplane.emulator.seed.SeedRandom;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One user's Gmail: messages, labels, the history log and the watch. Every method is synchronized: the mailbox is the
 * unit of consistency, and requests for different users never contend.
 */
public final class Mailbox {

    private final String email;
    private final Clock clock;
    private final HistoryLog history;
    private final TreeMap<Long, GmailMessage> messages = new TreeMap<>();
    private final Map<String, GmailLabel> labels = new LinkedHashMap<>();
    private final Map<List<String>, List<String>> labelSets = new HashMap<>();
    private long historyId;
    private int nextUserLabel = 1;
    private GmailWatch watch;

    public Mailbox(String email, Clock clock, HistorySettings settings, List<GmailLabel> seededLabels,
                   List<GmailMessage> seededMessages, long historyId) {
        this.email = email;
        this.clock = clock;
        this.history = new HistoryLog(settings, historyId);
        seededLabels.forEach(label -> labels.put(label.id(), label));
        nextUserLabel = (int) seededLabels.stream().filter(label -> !label.system()).count() + 1;
        for (GmailMessage message : seededMessages) {
            messages.put(message.key(), message.withLabels(internLabels(message.labelIds()), message.historyId()));
        }
        this.historyId = historyId;
    }

    public String email() {
        return email;
    }

    public synchronized long historyId() {
        return historyId;
    }

    public synchronized MailboxProfile profile() {
        Set<String> threads = new HashSet<>();
        messages.values().forEach(message -> threads.add(message.threadId()));
        return new MailboxProfile(email, messages.size(), threads.size(), historyId);
    }

    public synchronized GmailMessage message(String id) {
        Long key = keyOf(id);
        return key == null ? null : messages.get(key);
    }

    public synchronized List<GmailMessage> allMessages() {
        return new ArrayList<>(messages.descendingMap().values());
    }

    public synchronized List<GmailLabel> labels() {
        return new ArrayList<>(labels.values());
    }

    public synchronized GmailLabel label(String id) {
        return labels.get(id);
    }

    /** Newest first; {@code beforeKey} continues after the last message of the previous page. */
    public synchronized MessagePage list(Predicate<GmailMessage> filter, int max, Long beforeKey) {
        NavigableMap<Long, GmailMessage> view = beforeKey == null
                ? messages.descendingMap() : messages.headMap(beforeKey, false).descendingMap();
        List<GmailMessage> page = new ArrayList<>(Math.min(max, 64));
        Long next = null;
        for (GmailMessage message : view.values()) {
            if (!filter.test(message)) {
                continue;
            }
            if (page.size() == max) {
                next = page.get(page.size() - 1).key();
                break;
            }
            page.add(message);
        }
        int estimate = 0;
        for (GmailMessage message : messages.values()) {
            if (filter.test(message)) {
                estimate++;
            }
        }
        return new MessagePage(page, next, estimate);
    }

    /**
     * Records after {@code start}, at most {@code max}. A start older than the retained history, or newer than the
     * mailbox, is not found (Gmail's 404 that forces a full sync).
     */
    public synchronized HistoryPage history(long start, Set<HistoryRecord.Kind> kinds, String labelId, int max) {
        if (!history.answerable(start, historyId, clock.millis())) {
            return null;
        }
        if (start == historyId) {
            return new HistoryPage(List.of(), null, historyId);
        }
        return history.page(start, kinds, record -> labelId == null || touches(record, labelId), max, historyId);
    }

    public synchronized MailboxChange addMessage(MessageText text, List<String> labelIds, String threadId) {
        requireLabels(labelIds);
        Instant now = clock.instant();
        long last = messages.isEmpty() ? 0 : messages.lastKey();
        long key = Math.max(last + 1, now.toEpochMilli() << 20);
        String id = GmailMessage.idOf(key);
        String thread = threadId != null && messages.values().stream().anyMatch(m -> m.threadId().equals(threadId))
                ? threadId : id;
        long hid = nextHistoryId();
        List<String> labelsOfMessage = internLabels(labelIds);
        GmailMessage message = new GmailMessage(key, id, thread, labelsOfMessage, now.toEpochMilli(), hid,
                new MessageContent.Explicit(text));
        messages.put(key, message);
        HistoryRecord record = new HistoryRecord(hid, now.toEpochMilli(), HistoryRecord.Kind.MESSAGE_ADDED, id,
                thread, labelsOfMessage);
        return append(List.of(record), message, labelsOfMessage);
    }

    public synchronized MailboxChange deleteMessage(String id) {
        GmailMessage message = requireMessage(id);
        messages.remove(message.key());
        long hid = nextHistoryId();
        HistoryRecord record = new HistoryRecord(hid, clock.millis(), HistoryRecord.Kind.MESSAGE_DELETED, id,
                message.threadId(), List.of());
        return append(List.of(record), message, message.labelIds());
    }

    /** Adds and removes labels; a label already present (or absent) makes no record, as in Gmail. */
    public synchronized MailboxChange modifyLabels(String id, List<String> add, List<String> remove) {
        GmailMessage message = requireMessage(id);
        requireLabels(add);
        requireLabels(remove);
        LinkedHashSet<String> labelsNow = new LinkedHashSet<>(message.labelIds());
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String label : remove) {
            if (labelsNow.remove(label)) {
                removed.add(label);
            }
        }
        for (String label : add) {
            if (!removed.contains(label) && labelsNow.add(label)) {
                added.add(label);
            }
        }
        List<HistoryRecord> records = new ArrayList<>(2);
        long now = clock.millis();
        if (!added.isEmpty()) {
            records.add(new HistoryRecord(nextHistoryId(), now, HistoryRecord.Kind.LABEL_ADDED, id,
                    message.threadId(), added));
        }
        if (!removed.isEmpty()) {
            records.add(new HistoryRecord(nextHistoryId(), now, HistoryRecord.Kind.LABEL_REMOVED, id,
                    message.threadId(), removed));
        }
        if (records.isEmpty()) {
            return new MailboxChange(historyId, List.of(), message, List.of());
        }
        GmailMessage changed = message.withLabels(internLabels(new ArrayList<>(labelsNow)), historyId);
        messages.put(changed.key(), changed);
        Set<String> touched = new LinkedHashSet<>(message.labelIds());
        touched.addAll(changed.labelIds());
        return append(records, changed, new ArrayList<>(touched));
    }

    public synchronized GmailLabel createLabel(String name) {
        for (GmailLabel label : labels.values()) {
            if (label.name().equalsIgnoreCase(name)) {
                throw new IllegalArgumentException("label already exists: " + name);
            }
        }
        GmailLabel label = new GmailLabel("Label_" + nextUserLabel++, name, false);
        labels.put(label.id(), label);
        return label;
    }

    /** Makes every startHistoryId handed out so far unanswerable (404 on the next history.list). */
    public synchronized void expireCursors() {
        history.expireBefore(nextHistoryId());
    }

    public synchronized GmailWatch watch(String topicName, List<String> labelIds, boolean include,
                                         Instant expiration) {
        watch = new GmailWatch(topicName, labelIds, include, expiration, historyId);
        return watch;
    }

    public synchronized boolean stopWatch() {
        boolean had = watch != null;
        watch = null;
        return had;
    }

    /** The watch, if any and not yet expired. */
    public synchronized GmailWatch activeWatch() {
        if (watch != null && !watch.activeAt(clock.instant())) {
            watch = null;
        }
        return watch;
    }

    private MailboxChange append(List<HistoryRecord> records, GmailMessage message, List<String> touched) {
        history.append(records, clock.millis());
        return new MailboxChange(historyId, records, message, touched);
    }

    /** Gmail history ids grow but are not consecutive; a step of one to three keeps connectors honest. */
    private long nextHistoryId() {
        historyId += 1 + Math.floorMod(SeedRandom.mix(historyId), 3);
        return historyId;
    }

    private boolean touches(HistoryRecord record, String labelId) {
        if (record.labelIds().contains(labelId)) {
            return true;
        }
        GmailMessage current = message(record.messageId());
        return current != null && current.hasLabel(labelId);
    }

    private GmailMessage requireMessage(String id) {
        GmailMessage message = message(id);
        if (message == null) {
            throw new java.util.NoSuchElementException("no message " + id + " in " + email);
        }
        return message;
    }

    private void requireLabels(List<String> labelIds) {
        for (String label : labelIds) {
            if (!labels.containsKey(label)) {
                throw new IllegalArgumentException("unknown label " + label + " in " + email);
            }
        }
    }

    private List<String> internLabels(List<String> labelIds) {
        List<String> copy = List.copyOf(labelIds);
        return labelSets.computeIfAbsent(copy, k -> k);
    }

    static Long keyOf(String id) {
        if (id == null || id.isEmpty() || id.length() > 16) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(id, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
