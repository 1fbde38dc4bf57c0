package io.syncplane.emulator.gmail;

/** What {@code users.getProfile} answers. */
public record MailboxProfile(String emailAddress, int messagesTotal, int threadsTotal, long historyId) {
}
