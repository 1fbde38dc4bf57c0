package io.syncplane.emulator.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PKCE (RFC 7636) as Google applies it. Deliberately lax in two ways Google's own Java library needs: its
 * {@code DefaultPKCEProvider} sends a 172-character verifier ending in {@code ==} (RFC 7636 allows 43 to 128
 * unreserved characters), and its newer versions pad the S256 challenge too, so '=' is accepted and the challenge's
 * padding is ignored when comparing.
 */
public final class Pkce {

    /** Unreserved characters plus '=', between the RFC's minimum and a generous maximum. */
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9\\-._~=]{43,512}");

    private Pkce() {
    }

    public enum Method {
        PLAIN("plain"), S256("S256");

        private final String wire;

        Method(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** {@code plain} when absent, as the RFC says; empty for anything but {@code plain} and {@code S256}. */
        public static Optional<Method> parse(String value) {
            if (value == null) {
                return Optional.of(PLAIN);
            }
            return switch (value) {
                case "plain" -> Optional.of(PLAIN);
                case "S256" -> Optional.of(S256);
                default -> Optional.empty();
            };
        }
    }

    public static boolean wellFormed(String value) {
        return value != null && VALUE.matcher(value).matches();
    }

    /** Whether {@code verifier} is the secret behind {@code challenge}. */
    public static boolean verifies(Method method, String challenge, String verifier) {
        if (!wellFormed(verifier)) {
            return false;
        }
        byte[] expected;
        byte[] actual;
        if (method == Method.S256) {
            expected = stripPadding(challenge).getBytes(StandardCharsets.US_ASCII);
            actual = s256(verifier).getBytes(StandardCharsets.US_ASCII);
        } else {
            expected = challenge.getBytes(StandardCharsets.US_ASCII);
            actual = verifier.getBytes(StandardCharsets.US_ASCII);
        }
        return MessageDigest.isEqual(expected, actual);
    }

    /** base64url-no-pad(SHA-256(ASCII(verifier))). */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String stripPadding(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '=') {
            end--;
        }
        return value.substring(0, end);
    }
}
