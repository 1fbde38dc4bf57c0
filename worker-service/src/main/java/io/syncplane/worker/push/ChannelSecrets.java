package io.syncplane.worker.push;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random channel ids and tokens. Ids use only base64url characters, which Google accepts in channel ids
 * ([A-Za-z0-9-_+/=], at most 64); tokens are 256 random bits, so only their SHA-256 needs to be stored.
 */
public final class ChannelSecrets {

    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public ChannelSecrets(SecureRandom random) {
        this.random = random;
    }

    /** {@code syncplane-} + 128 random bits: 32 characters. */
    public String calendarChannelId() {
        return "syncplane-" + randomText(16);
    }

    /** Gmail watches have no id at Google; ours only needs to be unique in push_channel. */
    public String gmailChannelId(long connectionId) {
        return "gmail:" + connectionId + ":" + randomText(12);
    }

    public String token() {
        return randomText(32);
    }

    private String randomText(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return URL_SAFE.encodeToString(raw);
    }
}
