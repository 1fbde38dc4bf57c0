package io.syncplane.emulator.oauth;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How the emulator's consent screen, which nobody sees, decides: who consents when the request names nobody (no
 * {@code login_hint}), and whether the next consent is a denial (for tests of {@code error=access_denied}).
 */
public final class ConsentSettings {

    private final AtomicReference<String> defaultUser = new AtomicReference<>();
    private final AtomicBoolean denyNext = new AtomicBoolean();

    /** The address of the user who consents without a login_hint; empty means user 1. */
    public Optional<String> defaultUser() {
        return Optional.ofNullable(defaultUser.get());
    }

    public void defaultUser(String email) {
        defaultUser.set(email);
    }

    public boolean denyNext() {
        return denyNext.get();
    }

    public void denyNext(boolean deny) {
        denyNext.set(deny);
    }

    /** True once after {@code denyNext(true)}: that consent is the denied one. */
    boolean takeDenial() {
        return denyNext.getAndSet(false);
    }
}
