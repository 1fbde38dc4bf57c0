package io.syncplane.crypto;

import java.util.Arrays;
import java.util.Objects;

/** Ciphertext (IV, encrypted bytes, GCM tag) and the id of the key that made it. */
public record EncryptedSecret(String keyId, byte[] ciphertext) {

    public EncryptedSecret {
        Objects.requireNonNull(keyId, "keyId");
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptedSecret that && keyId.equals(that.keyId)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "EncryptedSecret[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
    }
}
