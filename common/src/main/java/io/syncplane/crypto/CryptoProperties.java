package io.syncplane.crypto;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code syncplane.crypto.keys.<id>=<base64 AES key>} and {@code syncplane.crypto.primary-key=<id>}. Generate a key
 * with {@code openssl rand -base64 32}.
 */
@ConfigurationProperties("syncplane.crypto")
public record CryptoProperties(Map<String, String> keys, String primaryKey) {

    public EncryptionKeyRing keyRing() {
        return EncryptionKeyRing.of(keys, primaryKey);
    }
}
