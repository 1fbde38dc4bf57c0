package io.syncplane.emulator.cursor;

import io.syncplane.emulator.seed.SeedRandom;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Opaque page and sync tokens: a kind prefix, base64url fields and a checksum, so a tampered or foreign token is told
 * apart from an expired one (400 versus 410 / EXPIRED_SYNC_TOKEN).
 */
public final class CursorCodec {

    private static final char SEPARATOR = '\u001f';

    private CursorCodec() {
    }

    public static String encode(String kind, Object... fields) {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                joined.append(SEPARATOR);
            }
            joined.append(fields[i]);
        }
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(joined.toString().getBytes(StandardCharsets.UTF_8));
        return kind + payload + "." + checksum(kind, payload);
    }

    /** The fields, or null when the token is not one of ours of this kind or has the wrong number of fields. */
    public static List<String> decode(String kind, String token, int fieldCount) {
        if (token == null || !token.startsWith(kind)) {
            return null;
        }
        int dot = token.lastIndexOf('.');
        if (dot <= kind.length()) {
            return null;
        }
        String payload = token.substring(kind.length(), dot);
        if (!token.substring(dot + 1).equals(checksum(kind, payload))) {
            return null;
        }
        try {
            String joined = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
            List<String> fields = Arrays.asList(joined.split(String.valueOf(SEPARATOR), -1));
            return fields.size() == fieldCount ? fields : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static long longField(List<String> fields, int index) {
        return Long.parseLong(fields.get(index));
    }

    private static String checksum(String kind, String payload) {
        long hash = SeedRandom.mix(kind.hashCode() * 31L + payload.hashCode());
        return Long.toHexString(hash).substring(0, Math.min(8, Long.toHexString(hash).length()));
    }
}
