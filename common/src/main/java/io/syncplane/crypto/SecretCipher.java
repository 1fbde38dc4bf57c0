package io.syncplane.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM encryption of small secrets (OAuth refresh tokens) with the JDK's own provider: no extra library is needed
 * for one authenticated cipher. The associated data binds a ciphertext to the row it belongs to, so copying it onto
 * another row makes decryption fail instead of handing over someone else's token.
 */
public final class SecretCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final EncryptionKeyRing keys;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(EncryptionKeyRing keys) {
        this.keys = keys;
    }

    public String primaryKeyId() {
        return keys.primaryKeyId();
    }

    public EncryptedSecret encrypt(byte[] plaintext, byte[] associatedData) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.primaryKey(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return new EncryptedSecret(keys.primaryKeyId(),
                    ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new SecretCryptoException("encryption failed: " + e.getMessage(), e);
        }
    }

    public byte[] decrypt(EncryptedSecret secret, byte[] associatedData) {
        SecretKey key = keys.key(secret.keyId()).orElseThrow(() -> new SecretCryptoException(
                "secret is encrypted under key '" + secret.keyId() + "', which is not configured", null));
        byte[] bytes = secret.ciphertext();
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new SecretCryptoException("ciphertext too short", null);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(Arrays.copyOfRange(bytes, IV_BYTES, bytes.length));
        } catch (GeneralSecurityException e) {
            throw new SecretCryptoException("decryption failed (wrong key, wrong row or tampered data)", e);
        }
    }

    /** True when the secret should be re-encrypted because a newer primary key exists. */
    public boolean needsRotation(EncryptedSecret secret) {
        return !secret.keyId().equals(keys.primaryKeyId());
    }
}
