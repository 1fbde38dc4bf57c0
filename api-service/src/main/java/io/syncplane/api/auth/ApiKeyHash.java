package io.syncplane.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes API keys and the hashes they are stored as. A key is 256 random bits, so a plain SHA-256 is enough: there is
 * nothing to guess, and a slow password hash would only cost every request its latency.
 */
public final class ApiKeyHash {

    static final String PREFIX = "sp_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyHash() {
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] of(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
