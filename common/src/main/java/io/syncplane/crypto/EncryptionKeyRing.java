package io.syncplane.crypto;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES keys secrets may be encrypted under, by id, and the primary one new ciphertexts use. Rotation: add a new key,
 * make it primary, re-encrypt the rows still under older keys, then drop those keys from configuration.
 */
public final class EncryptionKeyRing {

    private final Map<String, SecretKey> keys;
    private final String primaryKeyId;

    private EncryptionKeyRing(Map<String, SecretKey> keys, String primaryKeyId) {
        this.keys = Map.copyOf(keys);
        this.primaryKeyId = primaryKeyId;
    }

    /**
     * @param base64Keys   key id → base64 of a 16-, 24- or 32-byte AES key
     * @param primaryKeyId the key that encrypts from now on
     */
    public static EncryptionKeyRing of(Map<String, String> base64Keys, String primaryKeyId) {
        if (base64Keys == null || base64Keys.isEmpty()) {
            throw new IllegalArgumentException("syncplane.crypto.keys: at least one encryption key is required");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        base64Keys.forEach((id, encoded) -> keys.put(id, decode(id, encoded)));
        if (primaryKeyId == null || !keys.containsKey(primaryKeyId)) {
            throw new IllegalArgumentException("syncplane.crypto.primary-key '" + primaryKeyId
                    + "' is not one of the configured keys " + keys.keySet());
        }
        return new EncryptionKeyRing(keys, primaryKeyId);
    }

    private static SecretKey decode(String id, String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalArgumentException("syncplane.crypto.keys." + id
                    + " is empty; generate a key with `openssl rand -base64 32`");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("syncplane.crypto.keys." + id + " is not valid base64", e);
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalArgumentException("syncplane.crypto.keys." + id + " must be a 128-, 192- or 256-bit AES key, "
                    + "got " + bytes.length * 8 + " bits");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public String primaryKeyId() {
        return primaryKeyId;
    }

    SecretKey primaryKey() {
        return keys.get(primaryKeyId);
    }

    Optional<SecretKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

}
