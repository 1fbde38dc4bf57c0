package io.syncplane.emulator.admin;

import io.syncplane.emulator.gmail.GmailMessage;
import io.syncplane.emulator.gmail.MessageText;

import java.time.Instant;
import java.util.List;

/** A message as ground truth and as the answer to admin mutations. */
public record MessageView(String id, String threadId, List<String> labelIds, Instant internalDate, String historyId,
                          String from, String subject, String snippet) {

    static MessageView of(GmailMessage message) {
        MessageText text = message.content().text();
        return new MessageView(message.id(), message.threadId(), message.labelIds(),
                Instant.ofEpochMilli(message.internalDate()), Long.toString(message.historyId()), text.from(),
                text.subject(), text.snippet());
    }
}
