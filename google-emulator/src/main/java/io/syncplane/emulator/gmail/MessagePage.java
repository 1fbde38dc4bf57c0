package io.syncplane.emulator.gmail;

import java.util.List;

/** One page of messages.list; {@code nextKey} is null on the last page. */
public record MessagePage(List<GmailMessage> messages, Long nextKey, int resultSizeEstimate) {
}
