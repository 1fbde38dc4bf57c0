package io.syncplane.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

    private static final Duration WINDOW = Duration.ofSeconds(195);

    @Test
    void theSameSeedPlansTheSameSchedule() {
        assertThat(FaultSchedule.plan(42, WINDOW)).isEqualTo(FaultSchedule.plan(42, WINDOW));
        assertThat(FaultSchedule.plan(42, WINDOW)).isNotEqualTo(FaultSchedule.plan(43, WINDOW));
    }

    @Test
    void everyKindAppearsKillsRecurAndRevocationsAreCapped() {
        for (long seed = 0; seed < 200; seed++) {
            List<FaultKind> kinds = FaultSchedule.plan(seed, WINDOW).entries().stream()
                    .map(FaultSchedule.Entry::kind).toList();
            assertThat(EnumSet.copyOf(kinds)).isEqualTo(EnumSet.allOf(FaultKind.class));
            assertThat(Collections.frequency(kinds, FaultKind.GRANT_REVOKED)).isBetween(1, 2);
            assertThat(kinds).hasSize((int) (WINDOW.toSeconds() / 12));
        }
    }

    @Test
    void faultsAreInTheirWindowInOrder() {
        List<FaultSchedule.Entry> entries = FaultSchedule.plan(7, WINDOW).entries();
        assertThat(entries).allSatisfy(e -> assertThat(e.at()).isBetween(Duration.ZERO, WINDOW));
        assertThat(entries).isSortedAccordingTo(java.util.Comparator.comparing(FaultSchedule.Entry::at));
    }
}
