package io.syncplane.queue;

import io.syncplane.domain.Source;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The arguments claim.lua takes (documented at its top), with the parts that never change computed once. */
final class ClaimArguments {

    private static final int FIXED = 10;

    private final String[] template;
    /** Makes lease tokens unique across processes without asking Redis for a counter. */
    private final String tokenPrefix = randomHex(6);
    private final AtomicLong calls = new AtomicLong();

    ClaimArguments(QueueSettings settings, boolean runsCounted) {
        List<String> rates = new ArrayList<>();
        for (Source source : Source.values()) {
            RateLimitPolicy.Rate rate = settings.rateLimits().rateFor(source);
            rates.add(source.id());
            rates.add(Double.toString(rate.emissionIntervalMillis()));
            rates.add(Double.toString(rate.burstToleranceMillis()));
        }
        template = new String[FIXED + rates.size()];
        template[6] = runsCounted ? Integer.toString(settings.maxRunningPerConnection()) : "0";
        template[7] = Long.toString(settings.pushDebounce().toMillis());
        template[8] = settings.laneWeights().schedule();
        for (int i = 0; i < rates.size(); i++) {
            template[FIXED + i] = rates.get(i);
        }
    }

    /**
     * Arguments for stats.lua: prefix (filled in per partition), now, the cap, the scan limit, then the same rate
     * triples claim gets.
     */
    String[] statsCall(long nowMillis, int scanLimit) {
        String[] args = new String[4 + template.length - FIXED];
        args[1] = Long.toString(nowMillis);
        args[2] = template[6];
        args[3] = Integer.toString(scanLimit);
        System.arraycopy(template, FIXED, args, 4, template.length - FIXED);
        return args;
    }

    /** A seed that differs per queue instance, so instances start their partition rotation in different places. */
    int instanceSeed() {
        return tokenPrefix.hashCode();
    }

    /** Arguments for one claim call, the per-partition ones still to be filled in with {@link #forPartition}. */
    String[] newCall(long nowMillis, Duration leaseFor, String workerId) {
        String[] args = template.clone();
        args[1] = Long.toString(nowMillis);
        args[3] = Long.toString(leaseFor.toMillis());
        args[4] = workerId;
        args[5] = tokenPrefix + "-" + calls.incrementAndGet();
        return args;
    }

    /** Points a call at a partition; returns the lease token base of the jobs it will claim there. */
    static String forPartition(String[] args, String partitionPrefix, int partition, String callTokenBase,
                               int wanted) {
        String tokenBase = callTokenBase + "." + partition;
        args[0] = partitionPrefix;
        args[2] = Integer.toString(wanted);
        args[5] = tokenBase;
        // Every entry examined leaves the ready set, so the limit only bounds the script's run when many are throttled.
        args[9] = Integer.toString(wanted * 2 + 100);
        return tokenBase;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
