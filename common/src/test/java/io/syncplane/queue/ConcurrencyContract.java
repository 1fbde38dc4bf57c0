package io.syncplane.queue;

import static io.syncplane.queue.Triggers.calendarOf;
import static io.syncplane.queue.Triggers.contactsOf;
import static io.syncplane.queue.Triggers.gmailOf;
import static io.syncplane.queue.Triggers.manual;
import static io.syncplane.queue.Triggers.push;
import static io.syncplane.queue.Triggers.scheduled;
import static io.syncplane.queue.Triggers.seconds;
import static io.syncplane.queue.Triggers.tasksOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncplane.domain.SyncKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many threads and many workers at once: at most one running and one pending per entry, never lost, never doubled. */
public abstract class ConcurrencyContract extends QueueTestFixture {

    private final ExecutorService threads = Executors.newFixedThreadPool(6);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void triggersHammeringARunningJobLeadToExactlyOneMoreRun() throws Exception {
        enqueue(scheduled(gmailOf(1)));
        ClaimedJob running = claimOne();

        List<Future<List<EnqueueOutcome>>> hammers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            hammers.add(threads.submit(() -> {
                List<EnqueueOutcome> outcomes = new ArrayList<>();
                for (int i = 0; i < 250; i++) {
                    Triggers.Trigger trigger = switch ((thread + i) % 3) {
                        case 0 -> push(gmailOf(1));
                        case 1 -> manual(gmailOf(1));
                        default -> scheduled(gmailOf(1));
                    };
                    outcomes.add(enqueue(trigger));
                }
                return outcomes;
            }));
        }
        List<EnqueueOutcome> outcomes = new ArrayList<>();
        for (Future<List<EnqueueOutcome>> hammer : hammers) {
            outcomes.addAll(hammer.get());
        }

        assertThat(outcomes).filteredOn(o -> o == EnqueueOutcome.MARKED_PENDING).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o == EnqueueOutcome.COALESCED).hasSize(999);
        assertNothingClaimable();
        assertThat(queue.ack(running)).isEqualTo(Settlement.REQUEUED);
        clock.advance(seconds(2)); // past the push debounce window
        assertThat(queue.ack(claimOne())).isEqualTo(Settlement.DONE);
        assertNothingClaimable();
        assertThat(queue.stats().size()).isZero();
    }

    @Test
    void workersNeverRunAnEntryTwiceAtOnceAndNeverLoseATrigger() throws Exception {
        QueueSettings settings = baseSettings().withRateLimits(UNTHROTTLED);
        useSettings(settings);
        List<SyncQueue> workers = List.of(open(settings), open(settings));
        List<SyncKey> keys = new ArrayList<>();
        for (long c = 1; c <= 4; c++) {
            keys.addAll(List.of(gmailOf(c), calendarOf(c)));
        }
        AtomicLong sequence = new AtomicLong();
        Map<SyncKey, AtomicLong> lastTriggerStart = new ConcurrentHashMap<>();
        Map<SyncKey, AtomicLong> lastClaimEnd = new ConcurrentHashMap<>();
        Set<SyncKey> runningNow = ConcurrentHashMap.newKeySet();
        List<String> violations = new CopyOnWriteArrayList<>();
        Map<EnqueueOutcome, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        Map<Settlement, AtomicInteger> settlements = new ConcurrentHashMap<>();
        AtomicInteger claims = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();

        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers.size(); w++) {
            SyncQueue worker = workers.get(w);
            String workerId = "worker-" + w;
            running.add(threads.submit(() -> {
                while (!stop.get()) {
                    List<ClaimedJob> jobs = worker.claim(workerId, 3, Duration.ofMinutes(5));
                    long claimEnd = sequence.incrementAndGet();
                    claims.addAndGet(jobs.size());
                    for (ClaimedJob job : jobs) {
                        lastClaimEnd.computeIfAbsent(job.key(), k -> new AtomicLong())
                                .accumulateAndGet(claimEnd, Math::max);
                        if (!runningNow.add(job.key())) {
                            violations.add(job.key() + " handed out while running");
                        }
                    }
                    for (ClaimedJob job : jobs) {
                        runningNow.remove(job.key());
                        settlements.computeIfAbsent(worker.ack(job), k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        List<Future<?>> triggers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int seed = t;
            triggers.add(threads.submit(() -> {
                for (int i = 0; i < 400; i++) {
                    SyncKey key = keys.get((seed * 7 + i * 3) % keys.size());
                    lastTriggerStart.computeIfAbsent(key, k -> new AtomicLong())
                            .accumulateAndGet(sequence.incrementAndGet(), Math::max);
                    EnqueueOutcome outcome = enqueue(i % 2 == 0 ? scheduled(key) : manual(key));
                    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> trigger : triggers) {
            trigger.get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.stats().size() == 0);
        stop.set(true);
        for (Future<?> worker : running) {
            worker.get();
        }

        assertThat(violations).isEmpty();
        // Exact accounting: every new entry and every requeue ran once, and every pending mark became one requeue.
        int created = count(outcomes, EnqueueOutcome.ENQUEUED);
        int marked = count(outcomes, EnqueueOutcome.MARKED_PENDING);
        int requeued = count(settlements, Settlement.REQUEUED);
        assertThat(marked).as("pending marks in this run").isPositive();
        assertThat(requeued).as("requeues").isEqualTo(marked);
        assertThat(claims.get()).as("runs").isEqualTo(created + requeued);
        assertThat(count(settlements, Settlement.DONE)).isEqualTo(created);
        for (SyncKey key : lastTriggerStart.keySet()) {
            assertThat(lastClaimEnd.get(key)).as("a run of %s after its last trigger", key).isNotNull();
            assertThat(lastClaimEnd.get(key).get()).as("a run of %s after its last trigger", key)
                    .isGreaterThan(lastTriggerStart.get(key).get());
        }
    }

    private static <T> int count(Map<T, AtomicInteger> counts, T what) {
        AtomicInteger count = counts.get(what);
        return count == null ? 0 : count.get();
    }

    @Test
    void theConcurrencyCapHoldsAcrossWorkers() {
        QueueSettings settings = baseSettings().withMaxRunningPerConnection(2).withRateLimits(UNTHROTTLED);
        useSettings(settings);
        SyncQueue workerA = queue;
        SyncQueue workerB = open(settings);
        for (SyncKey key : List.of(gmailOf(7), calendarOf(7), contactsOf(7), tasksOf(7), gmailOf(8))) {
            enqueue(scheduled(key));
        }

        List<ClaimedJob> claimedByA = workerA.claim("a", 10, LEASE);
        assertThat(claimedByA).extracting(job -> job.key().connectionId()).containsExactlyInAnyOrder(7L, 7L, 8L);
        assertThat(workerB.claim("b", 10, LEASE)).isEmpty();
        assertThat(queue.stats().parked()).isEqualTo(2);

        ClaimedJob finished = claimedByA.stream().filter(job -> job.key().connectionId() == 7)
                .findFirst().orElseThrow();
        workerA.ack(finished);
        List<ClaimedJob> claimedByB = workerB.claim("b", 10, LEASE);
        assertThat(claimedByB).extracting(job -> job.key().connectionId()).containsExactly(7L);
        assertThat(workerB.claim("b", 10, LEASE)).isEmpty();
        assertThat(queue.stats().parked()).isEqualTo(1);
    }

    @Test
    void theCapHoldsThroughALeaseThatOutlastsTheConnectionRecordsGenerations() {
        // The running count lives in the connection's record, kept in 10-minute generations unless it must last longer.
        useSettings(baseSettings().withMaxRunningPerConnection(1).withRateLimits(UNTHROTTLED));
        enqueue(scheduled(gmailOf(7)));
        List<ClaimedJob> running = queue.claim("w", 10, Duration.ofMinutes(40));
        assertThat(keysOf(running)).containsExactly(gmailOf(7));
        clock.advance(Duration.ofMinutes(25));
        assertThat(queue.heartbeat(running.get(0), Duration.ofMinutes(40))).isEqualTo(LeaseStatus.EXTENDED);
        clock.advance(Duration.ofMinutes(25));
        enqueue(scheduled(calendarOf(7)));
        assertThat(queue.claim("w", 10, LEASE)).as("the cap still binds").isEmpty();
        queue.ack(running.get(0));
        assertThat(keysOf(queue.claim("w", 10, LEASE))).containsExactly(calendarOf(7));
    }

    @Test
    void entriesParkedUnderALowerCapAreFreedOnceTheCapNoLongerBinds() {
        // A cap of 1 parks calendar behind gmail; then the deployment goes back to the default cap, which cannot bind,
        // so nothing counts runs any more and nothing would unpark it. The scanner's next trigger frees it.
        useSettings(baseSettings().withMaxRunningPerConnection(1).withRateLimits(UNTHROTTLED));
        enqueue(scheduled(gmailOf(7)));
        enqueue(scheduled(calendarOf(7)));
        assertThat(keysOf(claim(10))).containsExactly(gmailOf(7));
        assertThat(queue.stats().parked()).isEqualTo(1);

        SyncQueue afterRedeploy = open(baseSettings().withRateLimits(UNTHROTTLED));
        assertThat(enqueue(afterRedeploy, scheduled(calendarOf(7)))).isEqualTo(EnqueueOutcome.COALESCED);
        assertThat(afterRedeploy.stats().parked()).isZero();
        assertThat(keysOf(afterRedeploy.claim("w", 10, LEASE))).containsExactly(calendarOf(7));
    }

    @Test
    void theConcurrencyCapHoldsWhileWorkersRace() throws Exception {
        QueueSettings settings = baseSettings().withMaxRunningPerConnection(1).withRateLimits(UNTHROTTLED);
        useSettings(settings);
        List<EnqueueRequest> work = new ArrayList<>();
        for (long c = 1; c <= 20; c++) {
            for (SyncKey key : List.of(gmailOf(c), calendarOf(c), contactsOf(c), tasksOf(c))) {
                work.add(scheduled(key).at(clock.instant()));
            }
        }
        queue.enqueueAll(work);
        Map<Long, AtomicInteger> runningPerConnection = new ConcurrentHashMap<>();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();

        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            SyncQueue worker = open(settings);
            workers.add(threads.submit(() -> {
                while (done.get() < work.size()) {
                    List<ClaimedJob> jobs = worker.claim("w", 4, LEASE);
                    for (ClaimedJob job : jobs) {
                        AtomicInteger count = runningPerConnection.computeIfAbsent(job.key().connectionId(),
                                c -> new AtomicInteger());
                        if (count.incrementAndGet() > 1) {
                            violations.add("connection " + job.key().connectionId() + " ran twice at once");
                        }
                    }
                    for (ClaimedJob job : jobs) {
                        runningPerConnection.get(job.key().connectionId()).decrementAndGet();
                        worker.ack(job);
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }

        assertThat(violations).isEmpty();
        assertThat(done.get()).isEqualTo(80);
        assertThat(queue.stats().size()).isZero();
        Map<Lane, Long> none = queue.stats().ready().entrySet().stream()
                .filter(e -> e.getValue() > 0).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(none).isEmpty();
    }
}
