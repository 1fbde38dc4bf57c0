package io.syncplane.emulator.seed;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic random stream derived from (seed, user index, purpose), so that every user's data is a pure function
 * of the seed and its size and does not depend on the order in which users are first touched.
 */
public final class SeedRandom {

    private final SplittableRandom random;

    private SeedRandom(long state) {
        this.random = new SplittableRandom(state);
    }

    public static SeedRandom of(long seed, int userIndex, String purpose) {
        return new SeedRandom(mix(mix(seed) ^ mix(userIndex * 0x9E3779B97F4A7C15L) ^ purpose.hashCode()));
    }

    public static SeedRandom of(long state) {
        return new SeedRandom(mix(state));
    }

    /** Stafford variant 13 of the 64-bit finaliser: spreads nearby inputs over the whole range. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public int between(int fromInclusive, int toInclusive) {
        return random.nextInt(fromInclusive, toInclusive + 1);
    }

    public long nextLong() {
        return random.nextLong();
    }

    public long nextLong(long bound) {
        return random.nextLong(bound);
    }

    public double nextDouble() {
        return random.nextDouble();
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Lower-case base32hex, the alphabet Calendar allows in event ids. */
    public String base32hex(int length) {
        return chars("0123456789abcdefghijklmnopqrstuv", length);
    }

    public String alphanumeric(int length) {
        return chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
    }

    public String digits(int length) {
        StringBuilder out = new StringBuilder(length);
        out.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < length; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private String chars(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
