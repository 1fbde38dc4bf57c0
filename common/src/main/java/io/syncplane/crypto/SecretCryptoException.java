package io.syncplane.crypto;

/** A secret could not be encrypted or decrypted; the message never contains the secret. */
public final class SecretCryptoException extends RuntimeException {

    public SecretCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
