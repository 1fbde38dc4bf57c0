package io.syncplane.emulator.gmail;

import io.syncplane.emulator.seed.SeedRandom;
import io.syncplane.emulator.seed.Words;

/**
 * Where a message's text comes from. Seeded messages keep only a seed and regenerate their text on demand, so a
 * 100,000-message mailbox costs a few megabytes rather than its full text.
 */
public sealed interface MessageContent {

    MessageText text();

    record Explicit(MessageText text) implements MessageContent {
    }

    record Seeded(long seed, String ownerEmail) implements MessageContent {

        @Override
        public MessageText text() {
            SeedRandom random = SeedRandom.of(seed);
            String given = random.pick(Words.GIVEN_NAMES);
            String family = random.pick(Words.FAMILY_NAMES);
            String from = given + " " + family + " <" + given.toLowerCase() + "."
                    + family.toLowerCase().replace(' ', '-') + "@" + random.pick(Words.COMPANIES).toLowerCase()
                    .replace(' ', '-') + ".test>";
            String subject = random.pick(Words.SUBJECT_OPENERS) + " " + random.pick(Words.TOPICS);
            StringBuilder body = new StringBuilder("Hi,\n\n");
            int sentences = random.between(2, 6);
            for (int i = 0; i < sentences; i++) {
                body.append(random.pick(Words.SENTENCES)).append(' ');
            }
            body.append("\n\nBest,\n").append(given);
            return new MessageText(from, ownerEmail, subject, body.toString());
        }
    }
}
