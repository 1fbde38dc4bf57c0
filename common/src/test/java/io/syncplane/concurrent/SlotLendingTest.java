package io.syncplane.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotLendingTest {

    private final List<String> calls = new ArrayList<>();

    private SlotLending.Lender lender(boolean allows) {
        return new SlotLending.Lender() {
            @Override
            public boolean lend() {
                calls.add(allows ? "lend" : "refused");
                return allows;
            }

            @Override
            public void takeBack() {
                calls.add("takeBack");
            }
        };
    }

    @Test
    void a_long_enough_sleep_lends_the_slot_and_takes_it_back_before_returning() {
        SlotLending.run(lender(true), () -> sleep(Duration.ofMillis(60)));

        assertThat(calls).containsExactly("lend", "takeBack");
    }

    @Test
    void a_short_sleep_keeps_the_slot() {
        SlotLending.run(lender(true), () -> sleep(Duration.ofMillis(5)));

        assertThat(calls).isEmpty();
    }

    @Test
    void a_refused_lend_sleeps_with_the_slot_held_and_takes_nothing_back() {
        SlotLending.run(lender(false), () -> sleep(Duration.ofMillis(60)));

        assertThat(calls).containsExactly("refused");
    }

    @Test
    void outside_a_lender_it_is_a_plain_sleep_and_the_lender_does_not_outlive_its_task() {
        SlotLending.run(lender(true), () -> { });
        sleep(Duration.ofMillis(60));

        assertThat(calls).isEmpty();
    }

    @Test
    void an_interrupted_sleep_still_takes_the_slot_back() {
        SlotLending.run(lender(true), () -> {
            Thread.currentThread().interrupt();
            try {
                SlotLending.sleep(Duration.ofMillis(60));
            } catch (InterruptedException expected) {
                calls.add("interrupted");
            }
        });

        assertThat(calls).containsExactly("lend", "takeBack", "interrupted");
    }

    private static void sleep(Duration duration) {
        try {
            SlotLending.sleep(duration);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
