package io.syncplane.emulator.gmail;

import java.util.List;

/**
 * A message to deliver through the admin API. {@code threadId} joins an existing thread (ignored when unknown).
 */
public record NewMessage(String from, String to, String subject, String body, List<String> labelIds,
                         String threadId) {

    public NewMessage {
        labelIds = labelIds == null ? List.of("INBOX", "UNREAD") : List.copyOf(labelIds);
    }

    public static NewMessage of(String subject) {
        return new NewMessage(null, null, subject, "Hello from the emulator: " + subject, null, null);
    }

    public NewMessage withLabels(List<String> labels) {
        return new NewMessage(from, to, subject, body, labels, threadId);
    }
}
