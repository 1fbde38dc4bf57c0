package io.syncplane.emulator.people;

import io.syncplane.emulator.seed.SeedRandom;
import io.syncplane.emulator.seed.Words;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds a user's contacts as a pure function of (seed, user index, size). */
public final class ContactSeeder {

    private final long seed;
    private final Instant epoch;
    private final Duration horizon;
    private final Clock clock;

    public ContactSeeder(long seed, Instant epoch, Duration horizon, Clock clock) {
        this.seed = seed;
        this.epoch = epoch;
        this.horizon = horizon;
        this.clock = clock;
    }

    public ContactBook seed(int userIndex, int count) {
        SeedRandom random = SeedRandom.of(seed, userIndex, "people");
        List<Contact> contacts = new ArrayList<>(count);
        Set<String> used = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String resourceName;
            do {
                resourceName = "people/c" + random.digits(19);
            } while (!used.add(resourceName));
            String given = random.pick(Words.GIVEN_NAMES);
            String family = random.pick(Words.FAMILY_NAMES);
            String company = random.pick(Words.COMPANIES);
            String email = given.toLowerCase(Locale.ROOT) + "." + family.toLowerCase(Locale.ROOT).replace(' ', '-')
                    + i + "@" + company.toLowerCase(Locale.ROOT).replace(' ', '-') + ".test";
            String phone = random.chance(0.7) ? "+1 555-01" + String.format("%02d", random.nextInt(100)) : null;
            String organization = random.chance(0.6) ? company : null;
            Instant updated = epoch.minus(Duration.ofMinutes(random.nextLong(365L * 24 * 60)));
            contacts.add(new Contact(resourceName, given, family, email, phone, organization, updated, i + 1L,
                    false));
        }
        return new ContactBook(clock, horizon, SeedRandom.of(seed, userIndex, "people-new-ids"), contacts, count);
    }
}
