package io.syncplane.emulator.people;

import java.util.List;

/** One page of contacts with the book's cursor state at the time of the read. */
public record ContactsPage(List<Contact> items, String nextKey, long seq, int epoch, int liveCount) {
}
