/**
 * The sync queue: the fast path between triggers and workers, on Redis, as our own protocol of Lua scripts (design
 * brief, decision 2). Postgres is the truth (decision 1): callers record every transition in the ledger, and anything
 * this queue loses — a flush, a Redis restart without persistence, an eviction — is put back by the stale-sync scanner,
 * which enqueues whatever the ledger says is due.
 *
 * <h2>What it promises</h2>
 * <ul>
 *   <li><b>One entry per (connection, source).</b> A trigger for an entry that is waiting coalesces into it: earliest
 *   due time (never ahead of a pending backoff), most urgent lane with its trigger, FULL over INCREMENTAL. A trigger
 *   while the job runs marks it <em>pending</em>: on ack the entry waits again for exactly one more run, serving only
 *   what arrived meanwhile. So at most one running and one pending per entry, never lost, never doubled
 *   ({@code ConcurrencyContract} checks this with racing workers and exact accounting).</li>
 *   <li><b>Push debounce</b> (default 2 s), leading edge: a push starts a run at once unless a push-triggered run of
 *   the same entry started less than the window ago; then it is due when the window ends, and the rest of the burst
 *   coalesces into that one trailing run. A burst that arrives before the claim is one run; one that spans a run is at
 *   most that run plus one trailing run. Trailing-only debouncing would add the whole window to every push's latency
 *   (the target is push to rows in under 500 ms). Only pushes are debounced, and only after push-triggered runs: a
 *   push right after a scheduled poll signals a change the poll may have missed.</li>
 *   <li><b>Lanes</b>: {@link io.syncplane.queue.Lane#INTERACTIVE} (push, manual), SCHEDULED (polls, recovery), BULK
 *   (every full sync). Claims follow a weighted round robin per partition (default 6/3/1, spread out as
 *   {@code 0102010010}); turns a lane cannot use go to the others, most urgent first. Lower lanes never starve: every
 *   partition's bulk lane gets one claim in ten while it has work.</li>
 *   <li><b>Fairness across connections.</b> A connection has at most one entry per source (four today) however many
 *   triggers it sends, so it can never crowd the line; within a lane entries leave oldest-due first, ties in arrival
 *   order (ready scores carry an arrival sequence), and an entry that ran re-enters at the back. Claims rotate over the
 *   partitions that have work. A throttled connection's entries are deferred, never handed out, so they cannot hold
 *   workers either.</li>
 *   <li><b>Limiter</b> ({@link io.syncplane.queue.RateLimitPolicy}, default 1 claim/s, burst 3): one GCRA bucket per
 *   connection, shared by its sources and all workers, checked and consumed inside the claim. An entry whose connection
 *   has no token leaves the ready set for the delayed set, due when the token will be there. In any window of W
 *   seconds a connection gets at most {@code rate * W + burst - 1} claims ({@code RateLimitContract} checks 10 s
 *   windows over a moving clock).</li>
 *   <li><b>Concurrency cap</b> (default 5 per connection, across all workers): an entry whose connection is at its cap
 *   is parked (off the ready set) until one of the connection's runs ends. A cap at or above the number of sources
 *   cannot bind, since an entry runs once at a time; then running jobs are not counted at all, which saves two record
 *   writes per job. A deployment that lowers the cap below that starts counting with the runs claimed after it.</li>
 *   <li><b>Leases with heartbeat.</b> A claim is a lease with a token; a late call from a worker that lost its lease
 *   answers {@link io.syncplane.queue.Settlement#LEASE_LOST} and changes nothing. An expired lease (the worker died)
 *   is taken back by {@link io.syncplane.queue.SyncQueue#reclaimExpiredLeases} and <em>counts as a failure</em>: a job
 *   that kills its worker every time ends in the dead-letter set instead of looping. Call it periodically, well within
 *   the lease duration (a {@code ReclaimExpiredLeasesTask}).</li>
 *   <li><b>Failures</b>: {@link io.syncplane.queue.BackoffPolicy} (full jitter, capped; Google's explicit time first,
 *   found by {@link io.syncplane.queue.RetryAfterParser}). After N failures in a row (default 10, expired leases
 *   included) the job is dead-lettered with its last error; triggers for it are refused
 *   ({@link io.syncplane.queue.EnqueueOutcome#DEAD_LETTERED}) until {@link io.syncplane.queue.SyncQueue#redrive}; a
 *   pending trigger is dropped with it (the re-drive runs the job again). {@code rateLimited} is a state, not a
 *   failure: the job waits until Google's time without counting, and the connection's bucket restarts empty at that
 *   time so its other sources wait too. {@code release} hands a job back unrun, nothing counted.</li>
 * </ul>
 *
 * <h2>Redis going away</h2>
 * Every call throws {@link io.syncplane.queue.QueueUnavailableException} when Redis cannot serve it; callers back off
 * and retry. Give the client {@link io.syncplane.queue.RedisSyncQueue#recommendedClientOptions}: it reconnects on its
 * own, rejects calls while disconnected (fail fast instead of buffering) and never replays a script that was in
 * flight when the connection dropped (it may have run). After such a failure a retried settle may answer
 * {@code LEASE_LOST} because the first attempt did go through; a claim whose answer was lost leaves leases that
 * expire and are reclaimed. Redis forgetting the scripts (restart, failover, SCRIPT FLUSH) costs one EVAL: scripts run
 * by SHA and fall back once on NOSCRIPT. Redis must run with {@code maxmemory-policy noeviction}: an evicted entry is
 * lost until the scanner runs, an evicted connection record resets that connection's bucket.
 *
 * <h2>Time</h2>
 * Scripts take "now" from the caller's {@link java.time.Clock}, not Redis TIME, so tests move a clock instead of
 * waiting. In production every process must therefore share a sane clock: NTP, or
 * {@link io.syncplane.queue.RedisTimeClock}, which follows Redis's clock with one TIME call per resync. TTLs carry a
 * minute of slack and every stored time is compared with "now", so modest skew never loses limiter state early.
 *
 * <h2>Layout and scaling</h2>
 * The queue is cut into partitions (default 8) by a hash of the connection id; the key layout is documented on
 * {@code QueueKeys}. Every key of a partition carries the hash tag {@code {p}}, so each script touches one Redis
 * Cluster slot, and a connection's entries, limiter record and parked set always live together. Scripts build
 * per-entry and per-connection keys themselves (they cannot be declared up front); as they share the tag of the
 * declared keys they hash to the same slot, which Redis 7 accepts.
 * <ul>
 *   <li>Many workers on one Redis: each {@link io.syncplane.queue.RedisSyncQueue} instance is one connection; claims
 *   rotate over partitions, so workers spread over them. Batches keep round trips far below one per job: claim takes
 *   up to {@code max} from a partition in one script, acks and enqueues go one script per partition, and
 *   {@link io.syncplane.queue.SyncQueue#ackAllAsync} lets a worker loop's acks travel with its next claim.</li>
 *   <li>Redis Cluster: partitions map to slots, slots to shards. Use at least as many partitions as shards (a few per
 *   shard evens the load). {@code RedisSyncQueue.connect(RedisClusterClient, ...)} runs the same scripts through
 *   Lettuce's cluster client ({@code syncplane.redis.cluster-nodes}); the queue contracts run against a real
 *   three-node cluster ({@code RedisCluster*Test}). The partition hash tags are {@code {0}}..{@code {n-1}}, so n
 *   partitions use at most n slots: more shards than partitions leaves shards idle.</li>
 *   <li>Limits. One partition is one slot, so its throughput is one shard's single thread: on the 2-core development
 *   box a job (enqueue, claim, ack) costs roughly 20-30 µs of Redis CPU depending on the machine's load, most of it the
 *   scripts' own Lua work and the sorted-set inserts, so a few tens of thousands of jobs/s per shard at best
 *   (BENCHMARKS.md has the measured figures). A single connection cannot be spread over partitions (it does not need to
 *   be: its limiter allows it one claim per second). An idle claim asks every partition once, so idle workers should
 *   poll with a pause. The dead-letter listing merges all partitions (dead letters are few). The partition count is
 *   fixed per queue and checked on connect; changing it means deleting the queue keys and letting the scanner rebuild
 *   them.</li>
 *   <li>Memory: an entry is one field of its partition's {@code jobs} hash (a string record of ~100 bytes) plus a
 *   sorted-set member; a connection record is a field of its partition's hash for the 10-minute generation it was
 *   last written in, which expires as a whole 10-20 minutes later (about 60 bytes a connection claimed in that time;
 *   only a record that must last longer, a long throttle, is a key with a TTL of its own); debounce gates live one
 *   window plus a minute.</li>
 *   <li>Upgrading from the layout with one key per entry ({@code {p}:j:<conn>:<src>}): the scripts no longer see those
 *   keys, so stop every queue user, delete the queue's keys (or use a new key prefix) and let the stale-sync scanner
 *   re-enqueue what is due, as after any Redis flush. Old and new processes must not share a queue.</li>
 *   <li>Upgrading from connection records as keys ({@code {p}:u:<conn>}, before the generation hashes
 *   {@code {p}:ug:<g>}): entries are unchanged, but the new scripts do not read the old records, so stop every queue
 *   user of the old version before starting the new one (mixed, each side would ignore the other's limiter state).
 *   A connection may then get one burst early, as its bucket starts full. With a concurrency cap that binds (below
 *   the number of sources) the old records also held running and parked counts: then delete the queue's keys at the
 *   upgrade as above, or parked entries stay parked.</li>
 * </ul>
 */
package io.syncplane.queue;
