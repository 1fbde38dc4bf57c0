package io.syncplane.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.Source;
import io.syncplane.store.SyncedItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConflictRuleTest {

    private static final Instant GOOGLE_TIME = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void newer_wins_goes_to_the_later_change_and_a_tie_to_google() {
        assertThat(decide(ConflictPolicy.NEWER_WINS, GOOGLE_TIME.plusSeconds(1), GOOGLE_TIME))
                .isEqualTo(WriteConflict.Decision.APPLICATION_WON);
        assertThat(decide(ConflictPolicy.NEWER_WINS, GOOGLE_TIME.minusSeconds(1), GOOGLE_TIME))
                .isEqualTo(WriteConflict.Decision.GOOGLE_WON);
        assertThat(decide(ConflictPolicy.NEWER_WINS, GOOGLE_TIME, GOOGLE_TIME))
                .isEqualTo(WriteConflict.Decision.GOOGLE_WON);
        assertThat(decide(ConflictPolicy.NEWER_WINS, GOOGLE_TIME, null)).as("no time from Google")
                .isEqualTo(WriteConflict.Decision.GOOGLE_WON);
    }

    @Test
    void the_fixed_policies_ignore_time() {
        assertThat(decide(ConflictPolicy.GOOGLE_WINS, GOOGLE_TIME.plusSeconds(60), GOOGLE_TIME))
                .isEqualTo(WriteConflict.Decision.GOOGLE_WON);
        assertThat(decide(ConflictPolicy.APPLICATION_WINS, GOOGLE_TIME.minusSeconds(60), GOOGLE_TIME))
                .isEqualTo(WriteConflict.Decision.APPLICATION_WON);
    }

    @Test
    void an_item_gone_at_google_is_googles_whatever_the_policy() {
        for (ConflictPolicy policy : ConflictPolicy.values()) {
            ConflictRule.Verdict gone = ConflictRule.decide(policy, operation(GOOGLE_TIME),
                    Optional.of(GoogleCopy.gone(List.of("e1"))));
            ConflictRule.Verdict missing = ConflictRule.decide(policy, operation(GOOGLE_TIME), Optional.empty());
            assertThat(gone.decision()).isEqualTo(WriteConflict.Decision.GOOGLE_WON);
            assertThat(gone.reason()).isEqualTo("deleted at Google");
            assertThat(missing).isEqualTo(gone);
        }
    }

    private static WriteConflict.Decision decide(ConflictPolicy policy, Instant applicationTime, Instant googleTime) {
        GoogleCopy google = new GoogleCopy(SyncedItem.live(List.of("e1"), Map.of(), "{}"), "etag", googleTime);
        return ConflictRule.decide(policy, operation(applicationTime), Optional.of(google)).decision();
    }

    private static OutboundOperation operation(Instant modifiedAt) {
        return new OutboundOperation(1, 1, 1, Source.CALENDAR, OperationKind.UPDATE, "cal", "e1", null, 5L, Map.of(),
                null, "k", OperationState.PENDING, 0, modifiedAt, null, null, modifiedAt, modifiedAt, null);
    }
}
