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
 * messagesDeleted gives only an id).
 */
public record SyncedItem(List<String> key, Map<String, Object> columns, String rawJson, boolean deleted) {

    public SyncedItem {
        key = List.copyOf(key);
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        if (rawJson == null && !deleted) {
            throw new IllegalArgumentException("a live item needs its raw JSON: " + key);
        }
    }

    public static SyncedItem live(List<String> key, Map<String, Object> columns, String rawJson) {
        return new SyncedItem(key, columns, Objects.requireNonNull(rawJson, "rawJson"), false);
    }

    /** Deleted at Google, with whatever Google still says about it (Calendar's cancelled events carry fields). */
    public static SyncedItem deleted(List<String> key, Map<String, Object> columns, String rawJson) {
        return new SyncedItem(key, columns, rawJson, true);
    }

    /** Deleted at Google, known only by its key. */
    public static SyncedItem deletedKey(List<String> key) {
        return new SyncedItem(key, Map.of(), null, true);
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
