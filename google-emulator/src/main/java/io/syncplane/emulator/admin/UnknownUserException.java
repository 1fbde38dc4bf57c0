package io.syncplane.emulator.admin;

import java.util.NoSuchElementException;

/** An admin call named a user the emulator does not have. */
public final class UnknownUserException extends NoSuchElementException {

    public UnknownUserException(String email) {
        super("unknown user: " + email);
    }
}
