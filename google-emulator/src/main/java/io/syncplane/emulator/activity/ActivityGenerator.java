package io.syncplane.emulator.activity;

import io.syncplane.emulator.admin.EmulatorAdmin;
import io.syncplane.emulator.users.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Mutates random users at a given rate, for demos, load and convergence tests. Ticks every 50 ms and spends the
 * accumulated budget; the choice of users and mutations comes from a stream seeded by the emulator seed.
 */
public final class ActivityGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(ActivityGenerator.class);
    private static final long TICK_MILLIS = 50;

    private final ScheduledExecutorService scheduler;
    private final Supplier<EmulatorAdmin> admin;
    private final int userCount;
    private final SplittableRandom random;
    private final AtomicLong mutations = new AtomicLong();
    private volatile double rate;
    private double budget;
    private ScheduledFuture<?> ticker;
    private final Object running = new Object();

    public ActivityGenerator(ScheduledExecutorService scheduler, Supplier<EmulatorAdmin> admin, int userCount,
                             long seed) {
        this.scheduler = scheduler;
        this.admin = admin;
        this.userCount = userCount;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    public double rate() {
        return rate;
    }

    public long mutations() {
        return mutations.get();
    }

    /** Sets the rate; setting 0 returns only once no mutation is running any more. */
    public void rate(double perSecond) {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("activity rate must be a non-negative number: " + perSecond);
        }
        synchronized (this) {
            rate = perSecond;
            if (perSecond > 0 && ticker == null) {
                ticker = scheduler.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
            } else if (perSecond == 0 && ticker != null) {
                ticker.cancel(false);
                ticker = null;
                budget = 0;
            }
        }
        if (perSecond == 0) {
            synchronized (running) {
                // waits for a tick in progress: callers (tests) rely on "no changes after stop"
            }
        }
    }

    private void tick() {
        String[] emails;
        long[] choices;
        synchronized (this) {
            budget += rate * TICK_MILLIS / 1000.0;
            int due = (int) budget;
            budget -= due;
            emails = new String[due];
            choices = new long[due];
            for (int i = 0; i < due; i++) {
                emails[i] = UserDirectory.emailOf(1 + random.nextInt(userCount));
                choices[i] = random.nextLong();
            }
        }
        synchronized (running) {
            RandomMutation mutation = new RandomMutation(admin.get());
            for (int i = 0; i < emails.length && rate > 0; i++) {
                try {
                    String api = mutation.apply(emails[i], new SplittableRandom(choices[i]));
                    mutations.incrementAndGet();
                    // one line per change when debug is on (the fault bench's timeline of the last changes)
                    LOG.debug("activity mutation on {} {}", emails[i], api);
                } catch (RuntimeException e) {
                    LOG.debug("activity mutation on {} skipped: {}", emails[i], e.toString());
                }
            }
        }
    }
}
