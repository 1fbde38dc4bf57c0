package io.syncplane.api.push;

import io.syncplane.api.web.ApiException;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * One Calendar channel notification, from its X-Goog-* headers (the body is empty).
 *
 * @param token         X-Goog-Channel-Token, the secret we gave the channel; null when absent
 * @param resourceState sync (the channel opened), exists or not_exists (the calendar changed)
 * @param messageNumber X-Goog-Message-Number: 1 for sync, then increasing but not consecutive
 */
public record CalendarNotification(String channelId, String token, String resourceId, String resourceState,
                                   long messageNumber) {

    public static final String SYNC = "sync";

    /** Validates the raw headers; a missing or malformed one is 400 (Google never sends such a notification). */
    public static CalendarNotification of(String channelId, String token, String resourceId, String resourceState,
                                          String messageNumber) {
        String state = required("X-Goog-Resource-State", resourceState).toLowerCase(Locale.ROOT);
        if (!state.equals(SYNC) && !state.equals("exists") && !state.equals("not_exists")) {
            throw malformed("X-Goog-Resource-State must be sync, exists or not_exists");
        }
        String number = required("X-Goog-Message-Number", messageNumber);
        long parsed;
        try {
            parsed = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw malformed("X-Goog-Message-Number must be a whole number");
        }
        if (parsed <= 0) {
            throw malformed("X-Goog-Message-Number must be positive");
        }
        return new CalendarNotification(required("X-Goog-Channel-ID", channelId), token,
                required("X-Goog-Resource-ID", resourceId), state, parsed);
    }

    public boolean isSync() {
        return SYNC.equals(resourceState);
    }

    private static String required(String header, String value) {
        if (value == null || value.isBlank()) {
            throw malformed("missing header " + header);
        }
        return value.trim();
    }

    private static ApiException malformed(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "malformed-push", detail);
    }
}
