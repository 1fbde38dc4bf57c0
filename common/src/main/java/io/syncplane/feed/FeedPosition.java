package io.syncplane.feed;

import java.util.Comparator;

/**
 * Where a row sits in the change feed: the transaction that last wrote it ({@code xid}, Postgres' 64-bit
 * {@code xid8}, which never wraps) and the {@code change_seq} that write took. Rows are delivered in this order.
 * {@code seq} is also the row's version: every write takes a new one.
 */
public record FeedPosition(long xid, long seq) implements Comparable<FeedPosition> {

    /** Before every row: sequence values start at 1, so (0, 0) is below anything ever written. */
    public static final FeedPosition START = new FeedPosition(0, 0);

    private static final Comparator<FeedPosition> ORDER =
            Comparator.comparingLong(FeedPosition::xid).thenComparingLong(FeedPosition::seq);

    public FeedPosition {
        if (xid < 0 || seq < 0) {
            throw new IllegalArgumentException("feed positions are not negative: (" + xid + ", " + seq + ")");
        }
    }

    /** Just below everything transaction {@code xid} or any later one writes. */
    static FeedPosition before(long xid) {
        return new FeedPosition(xid, 0);
    }

    @Override
    public int compareTo(FeedPosition other) {
        return ORDER.compare(this, other);
    }

    public boolean isBefore(FeedPosition other) {
        return compareTo(other) < 0;
    }

    static FeedPosition max(FeedPosition a, FeedPosition b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
