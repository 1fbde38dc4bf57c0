package io.syncplane.emulator.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * The emulated users, {@code user00001@example.test} to {@code userNNNNN@example.test}. A user's data is seeded the
 * first time anything touches the user, so ten thousand configured users cost nothing until used; seeding is
 * deterministic, so the order of first touches does not matter.
 */
public final class UserDirectory {

    public static final String DOMAIN = "example.test";
    private static final String PREFIX = "user";

    private final int count;
    private final IntFunction<UserAccount> factory;
    private final AtomicReferenceArray<UserAccount> accounts;

    public UserDirectory(int count, IntFunction<UserAccount> factory) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one user is needed: " + count);
        }
        this.count = count;
        this.factory = factory;
        this.accounts = new AtomicReferenceArray<>(count + 1);
    }

    public static String emailOf(int index) {
        return String.format(Locale.ROOT, "%s%05d@%s", PREFIX, index, DOMAIN);
    }

    public int count() {
        return count;
    }

    public List<String> emails(int offset, int limit) {
        List<String> out = new ArrayList<>();
        for (int i = offset + 1; i <= count && out.size() < limit; i++) {
            out.add(emailOf(i));
        }
        return out;
    }

    public Optional<UserAccount> byIndex(int index) {
        if (index < 1 || index > count) {
            return Optional.empty();
        }
        UserAccount account = accounts.get(index);
        if (account != null) {
            return Optional.of(account);
        }
        synchronized (this) {
            account = accounts.get(index);
            if (account == null) {
                account = factory.apply(index);
                accounts.set(index, account);
            }
            return Optional.of(account);
        }
    }

    public Optional<UserAccount> byEmail(String email) {
        int index = indexOf(email);
        return index < 0 ? Optional.empty() : byIndex(index);
    }

    /** The accounts touched so far (seeded), for activity and statistics. */
    public List<UserAccount> touched() {
        List<UserAccount> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            UserAccount account = accounts.get(i);
            if (account != null) {
                out.add(account);
            }
        }
        return out;
    }

    static int indexOf(String email) {
        if (email == null) {
            return -1;
        }
        String lower = email.toLowerCase(Locale.ROOT);
        String suffix = "@" + DOMAIN;
        if (!lower.startsWith(PREFIX) || !lower.endsWith(suffix)) {
            return -1;
        }
        String digits = lower.substring(PREFIX.length(), lower.length() - suffix.length());
        if (digits.length() < 5 || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int index = Integer.parseInt(digits);
        return emailOf(index).equals(lower) ? index : -1;
    }
}
