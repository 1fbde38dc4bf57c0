package io.syncplane.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LaneWeightsTest {

    @Test
    void aRoundHasOneTurnPerWeightUnitSpreadOut() {
        String round = LaneWeights.defaults().schedule();

        assertThat(round).hasSize(10);
        assertThat(round.chars().filter(c -> c == '0').count()).isEqualTo(6);
        assertThat(round.chars().filter(c -> c == '1').count()).isEqualTo(3);
        assertThat(round.chars().filter(c -> c == '2').count()).isEqualTo(1);
        assertThat(round).as("interactive first, never all its turns in a block").startsWith("0").doesNotContain("000");
    }

    @Test
    void equalWeightsAlternate() {
        assertThat(new LaneWeights(1, 1, 1).schedule()).isEqualTo("012");
    }

    @Test
    void everyLaneNeedsATurn() {
        assertThatThrownBy(() -> new LaneWeights(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
