package io.syncplane.emulator.calendar;

import java.time.Instant;

/** A push channel opened with events.watch. */
public record Channel(String id, String resourceId, String resourceUri, String token, String address,
                      Instant expiration, String userEmail, String calendarId) {

    public boolean activeAt(Instant now) {
        return now.isBefore(expiration);
    }
}
