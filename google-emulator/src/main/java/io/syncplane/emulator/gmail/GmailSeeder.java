package io.syncplane.emulator.gmail;

import io.syncplane.emulator.seed.SeedRandom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds a user's mailbox as a pure function of (seed, user index, size). */
public final class GmailSeeder {

    private static final List<String> USER_LABEL_NAMES = List.of("Work", "Travel", "Receipts");
    private static final List<String> CATEGORIES = List.of("CATEGORY_PERSONAL", "CATEGORY_SOCIAL",
            "CATEGORY_PROMOTIONS", "CATEGORY_UPDATES", "CATEGORY_FORUMS");
    private static final Duration SPAN = Duration.ofDays(365);

    private final long seed;
    private final Instant epoch;
    private final HistorySettings settings;
    private final Clock clock;

    public GmailSeeder(long seed, Instant epoch, HistorySettings settings, Clock clock) {
        this.seed = seed;
        this.epoch = epoch;
        this.settings = settings;
        this.clock = clock;
    }

    public Mailbox seed(int userIndex, String email, int messageCount) {
        SeedRandom random = SeedRandom.of(seed, userIndex, "gmail");
        List<GmailLabel> labels = new ArrayList<>();
        GmailLabel.SYSTEM_LABELS.forEach(id -> labels.add(new GmailLabel(id, id, true)));
        for (int i = 0; i < USER_LABEL_NAMES.size(); i++) {
            labels.add(new GmailLabel("Label_" + (i + 1), USER_LABEL_NAMES.get(i), false));
        }
        long spacing = Math.max(1_000, SPAN.toMillis() / Math.max(1, messageCount));
        long start = epoch.toEpochMilli() - spacing * messageCount;
        long historyId = 1_000 + random.nextInt(1_000);
        long lastKey = 0;
        List<GmailMessage> messages = new ArrayList<>(messageCount);
        for (int i = 0; i < messageCount; i++) {
            long date = start + spacing * i + random.nextLong(spacing);
            long key = Math.max(lastKey + 1, date << 20);
            lastKey = key;
            String id = GmailMessage.idOf(key);
            String threadId = id;
            if (!messages.isEmpty() && random.chance(0.3)) {
                threadId = messages.get(Math.max(0, messages.size() - 1 - random.nextInt(10))).threadId();
            }
            historyId += 1 + random.nextInt(5);
            long contentSeed = SeedRandom.mix(seed ^ SeedRandom.mix(userIndex) ^ SeedRandom.mix(i + 1L));
            messages.add(new GmailMessage(key, id, threadId, labelsFor(random), date, historyId,
                    new MessageContent.Seeded(contentSeed, email)));
        }
        historyId += 1 + random.nextInt(5);
        return new Mailbox(email, clock, settings, labels, messages, historyId);
    }

    private static List<String> labelsFor(SeedRandom random) {
        List<String> labels = new ArrayList<>(4);
        double where = random.nextDouble();
        boolean inbox = false;
        if (where < 0.75) {
            labels.add("INBOX");
            inbox = true;
        } else if (where < 0.87) {
            labels.add("SENT");
        } else if (where < 0.90) {
            labels.add("SPAM");
        } else if (where < 0.92) {
            labels.add("TRASH");
        }
        if (inbox) {
            labels.add(random.pick(CATEGORIES));
            if (random.chance(0.3)) {
                labels.add("UNREAD");
            }
        }
        if (random.chance(0.15)) {
            labels.add("IMPORTANT");
        }
        if (random.chance(0.05)) {
            labels.add("STARRED");
        }
        if (random.chance(0.1)) {
            labels.add("Label_" + (1 + random.nextInt(USER_LABEL_NAMES.size())));
        }
        return labels;
    }
}
