package io.syncplane.queue;

import io.syncplane.domain.SyncKey;

/**
 * The Redis key layout. A connection's entries, limiter state and parking all live in one partition, chosen by a hash
 * of the connection id; every key of a partition carries the hash tag {@code {p}}, so one Lua script only ever touches
 * one cluster slot.
 *
 * <pre>
 * &lt;prefix&gt;partitions            partition count, checked on connect
 * &lt;prefix&gt;{p}:r0 r1 r2          ready entries per lane (zset, score due-ms * 1024 + arrival sequence)
 * &lt;prefix&gt;{p}:d0 d1 d2          delayed entries per lane (zset, score = ms they become due)
 * &lt;prefix&gt;{p}:leases            running entries (zset, score = lease expiry ms)
 * &lt;prefix&gt;{p}:dead              dead letters (zset, score = ms they died)
 * &lt;prefix&gt;{p}:meta              rr lane round-robin position, sq arrival sequence, pk parked count, us
 *                                   connection-record stamp, lu until when u: keys may exist (hash)
 * &lt;prefix&gt;{p}:gates             start ms of each entry's last run, for push debounce (zset, trimmed by claims)
 * &lt;prefix&gt;{p}:jobs              the entries (hash: field &lt;conn&gt;:&lt;src&gt;, value a string record documented
 *                                   in prelude.lua)
 * &lt;prefix&gt;{p}:ug:&lt;g&gt;           connection records written in the g-th 10-minute generation (hash: field
 *                                   &lt;conn&gt;, value running count, GCRA time, throttle, parked count, kept-until
 *                                   time, stamp; the hash expires as a whole; see prelude.lua)
 * &lt;prefix&gt;{p}:u:&lt;conn&gt;          the same record when it must outlive its generation (string, TTL)
 * &lt;prefix&gt;{p}:p:&lt;conn&gt;          a connection's entries parked at its concurrency cap (zset)
 * </pre>
 */
final class QueueKeys {

    private final String prefix;
    private final int partitions;
    private final String[][] fixedKeys;

    QueueKeys(String prefix, int partitions) {
        this.prefix = prefix;
        this.partitions = partitions;
        this.fixedKeys = new String[partitions][];
        for (int p = 0; p < partitions; p++) {
            String pp = partitionPrefix(p);
            fixedKeys[p] = new String[] {pp + "r0", pp + "r1", pp + "r2", pp + "d0", pp + "d1", pp + "d2",
                    pp + "leases", pp + "dead", pp + "meta", pp + "gates", pp + "jobs"};
        }
    }

    int partitions() {
        return partitions;
    }

    /**
     * Connection ids are usually sequential, so they are mixed (MurmurHash3's 64-bit finaliser) before the modulo;
     * otherwise a partition count sharing a factor with some id pattern would load partitions unevenly.
     */
    int partitionOf(SyncKey key) {
        long h = key.connectionId();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) Math.floorMod(h, (long) partitions);
    }

    String partitionPrefix(int partition) {
        return prefix + "{" + partition + "}:";
    }

    /** KEYS of every script, in the order prelude.lua names them. Shared array: callers must not modify it. */
    String[] fixedKeys(int partition) {
        return fixedKeys[partition];
    }

    String partitionCountKey() {
        return prefix + "partitions";
    }
}
