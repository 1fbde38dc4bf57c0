package io.syncplane.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class SyncStateMachineTest {

    @Test
    void only_a_waiting_sync_can_start() {
        assertThat(EnumSet.allOf(SyncStatus.class)).filteredOn(s -> SyncStateMachine.isAllowed(s, SyncEvent.START))
                .containsExactlyInAnyOrder(SyncStatus.IDLE, SyncStatus.ERROR, SyncStatus.RATE_LIMITED);
    }

    @Test
    void every_way_out_of_a_run_ends_the_lease() {
        for (SyncEvent ending : EnumSet.of(SyncEvent.COMPLETE, SyncEvent.FAIL, SyncEvent.RATE_LIMIT, SyncEvent.RELEASE,
                SyncEvent.RECOVER_INTERRUPTED, SyncEvent.REQUIRE_REAUTH, SyncEvent.DISABLE)) {
            assertThat(SyncStateMachine.target(SyncStatus.SYNCING, ending)).get().isNotEqualTo(SyncStatus.SYNCING);
        }
    }

    @Test
    void a_run_in_progress_cannot_be_rescheduled_or_started_again() {
        assertThat(SyncStateMachine.isAllowed(SyncStatus.SYNCING, SyncEvent.START)).isFalse();
        assertThat(SyncStateMachine.isAllowed(SyncStatus.SYNCING, SyncEvent.SCHEDULE)).isFalse();
    }

    @Test
    void a_sync_needing_reauthorization_only_leaves_by_reauthorization_or_removal() {
        assertThat(EnumSet.allOf(SyncEvent.class))
                .filteredOn(e -> SyncStateMachine.target(SyncStatus.NEEDS_REAUTH, e)
                        .filter(to -> to != SyncStatus.NEEDS_REAUTH).isPresent())
                .containsExactlyInAnyOrder(SyncEvent.REAUTHORIZE, SyncEvent.DISABLE);
    }
}
