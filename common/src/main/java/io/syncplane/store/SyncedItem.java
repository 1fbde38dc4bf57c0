package io.syncplane.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One item as a connector hands it over: its key (values of the table's key columns), its typed column values, the
 * raw JSON Google sent, and whether Google says it is deleted. A deletion may come with no JSON at all (Gmail's
 * messagesDeleted gives only an id). An unreadable item is one Google still has but sent in a form we cannot store
 * (see {@link #unreadable}).
 */
public record SyncedItem(List<String> key, Map<String, Object> columns, String rawJson, boolean deleted,
                         boolean unreadable) {

    public SyncedItem {
        key = List.copyOf(key);
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        if (unreadable && (deleted || rawJson != null || !columns.isEmpty())) {
            throw new IllegalArgumentException("an unreadable item is known only by its key: " + key);
        }
        if (rawJson == null && !deleted && !unreadable) {
            throw new IllegalArgumentException("a live item needs its raw JSON: " + key);
        }
    }

    public static SyncedItem live(List<String> key, Map<String, Object> columns, String rawJson) {
        return new SyncedItem(key, columns, Objects.requireNonNull(rawJson, "rawJson"), false, false);
    }

    /** Deleted at Google, with whatever Google still says about it (Calendar's cancelled events carry fields). */
    public static SyncedItem deleted(List<String> key, Map<String, Object> columns, String rawJson) {
        return new SyncedItem(key, columns, rawJson, true, false);
    }

    /** Deleted at Google, known only by its key. */
    public static SyncedItem deletedKey(List<String> key) {
        return new SyncedItem(key, Map.of(), null, true, false);
    }

    /**
     * Google still has this item, but what it sent for it cannot be stored (a malformed item, skipped and reported).
     * It exists, so a full sync counts it as seen and its sweep spares the stored copy, which stays as it was: the
     * last good version is closer to the truth than no row at all. Nothing is written for an item never stored.
     */
    public static SyncedItem unreadable(List<String> key) {
        return new SyncedItem(key, Map.of(), null, false, true);
    }

    /** SHA-256 of the raw JSON: equal for an item Google sent unchanged, so it is not rewritten. */
    byte[] checksum() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return digest.digest((rawJson == null ? "" : rawJson).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
