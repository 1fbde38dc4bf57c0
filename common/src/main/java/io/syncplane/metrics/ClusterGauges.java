package io.syncplane.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.syncplane.domain.Source;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.queue.Lane;
import io.syncplane.queue.QueueStats;
import io.syncplane.queue.SyncQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The ledger- and queue-wide gauges (docs/metrics.md, "cluster"): the same value on every instance, read from Postgres
 * ({@link LedgerGauges}) and Redis ({@link SyncQueue#stats()}) at most once per TTL each, however often Prometheus
 * scrapes. A backend that fails keeps its gauges at their last values (NaN before the first good read) and the scrape
 * succeeds.
 *
 * <p>{@code syncplane_push_channel_expiry_seconds} exists only for sources with an active channel: its series are
 * (re)registered after each ledger read, so one appears or goes away on the scrape after the read that saw the change.
 */
public final class ClusterGauges {

    private final MeterRegistry registry;
    private final Cached<LedgerGauges.Snapshot> ledger;
    private final Cached<QueueStats> queue;
    private final MultiGauge pushExpiry;

    public ClusterGauges(MeterRegistry registry, LedgerGauges ledger, SyncQueue queue, int partitions, Duration ttl,
                         Clock clock) {
        this.registry = registry;
        this.pushExpiry = MultiGauge.builder("syncplane.push.channel.expiry").baseUnit("seconds")
                .description("Seconds until the nearest active push channel expires").register(registry);
        this.ledger = new Cached<>("the ledger (Postgres)", () -> {
            LedgerGauges.Snapshot snapshot = ledger.read(clock.instant());
            updatePushExpiry(snapshot);
            return snapshot;
        }, ttl, clock);
        this.queue = new Cached<>("the queue (Redis)", queue::stats, ttl, clock);
        register(partitions);
    }

    private void register(int partitions) {
        for (Lane lane : Lane.values()) {
            String id = lane.name().toLowerCase(Locale.ROOT);
            queueGauge("syncplane.queue.jobs", Tags.of("lane", id, "state", "ready"), q -> q.ready().get(lane));
            queueGauge("syncplane.queue.jobs", Tags.of("lane", id, "state", "delayed"), q -> q.delayed().get(lane));
        }
        for (int p = 0; p < partitions; p++) {
            int partition = p;
            Tags ready = Tags.of("partition", Integer.toString(p), "state", "ready");
            Tags delayed = Tags.of("partition", Integer.toString(p), "state", "delayed");
            queueGauge("syncplane.queue.partition.jobs", ready, q -> partition < q.partitions().size()
                    ? q.partitions().get(partition).ready() : Double.NaN);
            queueGauge("syncplane.queue.partition.jobs", delayed, q -> partition < q.partitions().size()
                    ? q.partitions().get(partition).delayed() : Double.NaN);
        }
        queueGauge("syncplane.queue.parked.jobs", Tags.empty(), QueueStats::parked);
        queueGauge("syncplane.queue.running.jobs", Tags.empty(), QueueStats::running);
        queueGauge("syncplane.queue.dead.jobs", Tags.empty(), QueueStats::dead);
        queueGauge("syncplane.queue.runnable.jobs", Tags.empty(), QueueStats::runnable);
        for (Source source : Source.values()) {
            for (SyncStatus status : SyncStatus.values()) {
                ledgerGauge("syncplane.sync.states", null, Tags.of("source", source.id(), "status", status.id()),
                        l -> l.states().get(source).get(status));
            }
            ledgerGauge("syncplane.sync.stalled", "seconds", Tags.of("source", source.id()),
                    l -> seconds(l.stalled().get(source)));
        }
    }

    private void queueGauge(String name, Tags tags, ToDoubleFunction<QueueStats> value) {
        Gauge.builder(name, this, self -> {
            QueueStats stats = self.queue.get();
            return stats == null ? Double.NaN : value.applyAsDouble(stats);
        }).tags(tags).register(registry);
    }

    private void ledgerGauge(String name, String unit, Tags tags, ToDoubleFunction<LedgerGauges.Snapshot> value) {
        Gauge.builder(name, this, self -> {
            LedgerGauges.Snapshot snapshot = self.ledger.get();
            return snapshot == null ? Double.NaN : value.applyAsDouble(snapshot);
        }).tags(tags).baseUnit(unit).register(registry);
    }

    private void updatePushExpiry(LedgerGauges.Snapshot snapshot) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        snapshot.pushExpiresIn().forEach((source, left) ->
                rows.add(MultiGauge.Row.of(Tags.of("source", source.id()), this,
                        self -> pushExpirySeconds(self, source))));
        pushExpiry.register(rows, true);
    }

    private static double pushExpirySeconds(ClusterGauges self, Source source) {
        LedgerGauges.Snapshot snapshot = self.ledger.get();
        Duration left = snapshot == null ? null : snapshot.pushExpiresIn().get(source);
        return left == null ? Double.NaN : seconds(left);
    }

    private static double seconds(Duration duration) {
        return duration == null ? Double.NaN : duration.toNanos() / 1e9;
    }

    /** Reads both backends now if their TTL has passed (for the first scrape to find every series). */
    public void refresh() {
        ledger.get();
        queue.get();
    }
}
