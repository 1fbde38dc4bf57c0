package io.syncplane.feed;

/**
 * The consumer cannot continue from its cursor and must start over (read the feed without {@code since} and replace
 * its copy). The API answers 410 with problem type {@code resync-required}. Never an empty page instead: an empty page
 * would tell the consumer it is up to date when it may have missed deletes.
 */
public class ResyncRequiredException extends RuntimeException {

    /** Why the cursor cannot be used. */
    public enum Reason {
        /** Not a cursor this feed issues (garbled, truncated, unknown version). */
        MALFORMED_CURSOR,
        /** Issued by another database (another installation, or this one restored or rebuilt). */
        OTHER_DATABASE,
        /** Older than the retained tombstones: deletes after it may have been pruned. */
        EXPIRED
    }

    private final Reason reason;

    public ResyncRequiredException(Reason reason, String message) {
        super(message + "; read the feed again without a cursor to start over");
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
