package io.syncplane.emulator.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** What the emulator accepts as a redirect URI, and how it appends response parameters to one. */
final class RedirectUris {

    private RedirectUris() {
    }

    /** Absolute http or https with a host and no fragment (RFC 6749 section 3.1.2). */
    static boolean wellFormed(String uri) {
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && parsed.getHost() != null
                    && parsed.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static void requireWellFormed(String uri) {
        if (uri == null || !wellFormed(uri)) {
            throw new IllegalArgumentException("not an absolute http(s) redirect URI without fragment: " + uri);
        }
    }
}
