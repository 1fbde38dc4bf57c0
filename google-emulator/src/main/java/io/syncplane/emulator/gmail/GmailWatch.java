package io.syncplane.emulator.gmail;

import java.time.Instant;
import java.util.List;

/**
 * An active {@code users.watch}.
 *
 * @param include true for {@code labelFilterBehavior=INCLUDE} (the default), false for EXCLUDE
 */
public record GmailWatch(String topicName, List<String> labelIds, boolean include, Instant expiration,
                         long historyId) {

    public GmailWatch {
        labelIds = List.copyOf(labelIds);
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(expiration);
    }

    /** Whether a change to a message carrying these labels (before or after the change) is reported. */
    public boolean matches(List<String> touchedLabels) {
        if (labelIds.isEmpty()) {
            return true;
        }
        boolean any = touchedLabels.stream().anyMatch(labelIds::contains);
        return include == any;
    }
}
