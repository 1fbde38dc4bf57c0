package io.syncplane.crypto;

import io.syncplane.startup.InvalidSettingException;
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

    private static final String GENERATE = "generate one with `openssl rand -base64 32` and keep it: without it the "
            + "stored tokens cannot be read";

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
            throw new InvalidSettingException("syncplane.crypto.keys.k1 (SYNCPLANE_CRYPTO_KEY_K1)",
                    "at least one encryption key is required", GENERATE);
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        base64Keys.forEach((id, encoded) -> keys.put(id, decode(id, encoded)));
        if (primaryKeyId == null || !keys.containsKey(primaryKeyId)) {
            throw new InvalidSettingException("syncplane.crypto.primary-key (SYNCPLANE_CRYPTO_PRIMARY_KEY)",
                    "'" + primaryKeyId + "' is not one of the configured keys " + keys.keySet(),
                    "name one of them, or add syncplane.crypto.keys." + primaryKeyId);
        }
        return new EncryptionKeyRing(keys, primaryKeyId);
    }

    /** The property and, for the key the services' configuration maps from the environment, its variable. */
    private static String setting(String id) {
        return "syncplane.crypto.keys." + id + ("k1".equals(id) ? " (SYNCPLANE_CRYPTO_KEY_K1)" : "");
    }

    private static SecretKey decode(String id, String encoded) {
        String setting = setting(id);
        if (encoded == null || encoded.isBlank()) {
            throw new InvalidSettingException(setting, "is empty (it encrypts the stored OAuth tokens)", GENERATE);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(setting, "is not valid base64", GENERATE, e);
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new InvalidSettingException(setting, "must be a 128-, 192- or 256-bit AES key, got "
                    + bytes.length * 8 + " bits", GENERATE);
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
