package io.syncplane.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final byte[] AAD = "row-1".getBytes(StandardCharsets.UTF_8);

    @Test
    void round_trips_and_never_produces_the_same_ciphertext_twice() {
        SecretCipher cipher = new SecretCipher(EncryptionKeyRing.of(Map.of("k1", KEY_1), "k1"));
        byte[] secret = "1//refresh-token".getBytes(StandardCharsets.UTF_8);

        EncryptedSecret first = cipher.encrypt(secret, AAD);
        EncryptedSecret second = cipher.encrypt(secret, AAD);

        assertThat(cipher.decrypt(first, AAD)).isEqualTo(secret);
        assertThat(first).isNotEqualTo(second);
        assertThat(new String(first.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("refresh-token");
    }

    @Test
    void a_ciphertext_moved_to_another_row_or_tampered_with_does_not_decrypt() {
        SecretCipher cipher = new SecretCipher(EncryptionKeyRing.of(Map.of("k1", KEY_1), "k1"));
        EncryptedSecret sealed = cipher.encrypt("secret".getBytes(StandardCharsets.UTF_8), AAD);
        byte[] tampered = sealed.ciphertext();
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(sealed, "row-2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SecretCryptoException.class);
        assertThatThrownBy(() -> cipher.decrypt(new EncryptedSecret("k1", tampered), AAD))
                .isInstanceOf(SecretCryptoException.class);
    }

    @Test
    void after_rotation_old_ciphertexts_still_decrypt_and_new_ones_use_the_new_key() {
        SecretCipher before = new SecretCipher(EncryptionKeyRing.of(Map.of("k1", KEY_1), "k1"));
        EncryptedSecret old = before.encrypt("s".getBytes(StandardCharsets.UTF_8), AAD);
        SecretCipher after = new SecretCipher(EncryptionKeyRing.of(Map.of("k1", KEY_1, "k2", KEY_2), "k2"));

        assertThat(after.decrypt(old, AAD)).isEqualTo("s".getBytes(StandardCharsets.UTF_8));
        assertThat(after.needsRotation(old)).isTrue();
        assertThat(after.encrypt(new byte[] {1}, AAD).keyId()).isEqualTo("k2");
    }

    @Test
    void bad_key_configuration_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> EncryptionKeyRing.of(Map.of(), "k1")).hasMessageContaining("at least one");
        assertThatThrownBy(() -> EncryptionKeyRing.of(Map.of("k1", "not base64!"), "k1")).hasMessageContaining("base64");
        assertThatThrownBy(() -> EncryptionKeyRing.of(Map.of("k1", "AAAA"), "k1")).hasMessageContaining("AES key");
        assertThatThrownBy(() -> EncryptionKeyRing.of(Map.of("k1", KEY_1), "k9")).hasMessageContaining("k9");
    }
}
