package io.syncplane.api.feed;

import java.util.List;

/**
 * @param next    the cursor to pass as {@code since} next time (opaque)
 * @param hasMore more changes are waiting right now: ask again at once
 */
public record ChangesPage(List<ChangeView> changes, String next, boolean hasMore) {
}
