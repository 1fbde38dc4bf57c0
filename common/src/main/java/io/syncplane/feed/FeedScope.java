package io.syncplane.feed;

import java.util.Set;
import java.util.TreeSet;

/**
 * Whose changes a read returns: the rows of the given Google connections (one user's), or every row (the operator's
 * feed). The feed does not look up who owns a connection: the caller resolves the user's connections, and in the
 * API Postgres' row-level security additionally hides rows of other users.
 */
public record FeedScope(Set<Long> connectionIds, boolean all) {

    public FeedScope {
        connectionIds = Set.copyOf(connectionIds);
        if (all && !connectionIds.isEmpty()) {
            throw new IllegalArgumentException("a scope is either everything or a set of connections");
        }
    }

    public static FeedScope connections(Set<Long> connectionIds) {
        return new FeedScope(connectionIds, false);
    }

    public static FeedScope allConnections() {
        return new FeedScope(Set.of(), true);
    }

    /** The connections in ascending order, so the same scope always generates the same SQL text. */
    java.util.List<Long> ordered() {
        return new TreeSet<>(connectionIds).stream().toList();
    }
}
