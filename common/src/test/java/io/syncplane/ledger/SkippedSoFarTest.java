package io.syncplane.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SkippedSoFarTest {

    @Test
    void it_names_the_first_items_and_counts_the_rest() {
        SkippedSoFar skipped = SkippedSoFar.NONE;
        for (int i = 0; i < SkippedSoFar.KEPT + 5; i++) {
            skipped = skipped.plus(new SkippedSoFar.Item("m" + i, "bad"));
        }

        assertThat(skipped.count()).isEqualTo(SkippedSoFar.KEPT + 5);
        assertThat(skipped.first()).hasSize(SkippedSoFar.KEPT)
                .startsWith(new SkippedSoFar.Item("m0", "bad")).endsWith(new SkippedSoFar.Item("m19", "bad"));
    }

    @Test
    void the_same_item_skipped_again_counts_once_and_an_item_without_an_id_is_kept() {
        SkippedSoFar skipped = SkippedSoFar.NONE.plus(new SkippedSoFar.Item("m1", "bad"))
                .plus(new SkippedSoFar.Item(null, "no id")).plus(new SkippedSoFar.Item("m1", "bad"));

        assertThat(skipped).isEqualTo(new SkippedSoFar(2, List.of(new SkippedSoFar.Item("m1", "bad"),
                new SkippedSoFar.Item(null, "no id"))));
    }

    @Test
    void long_ids_and_reasons_are_cut_to_keep_the_ledger_row_small() {
        SkippedSoFar.Item item = new SkippedSoFar.Item("i".repeat(500), "r".repeat(5000));

        assertThat(item.id()).hasSize(SkippedSoFar.Item.MAX_LENGTH).endsWith("…");
        assertThat(item.reason()).hasSize(SkippedSoFar.Item.MAX_LENGTH).startsWith("rrr");
    }

    @Test
    void a_count_below_the_named_items_is_refused() {
        assertThatThrownBy(() -> new SkippedSoFar(0, List.of(new SkippedSoFar.Item("m1", "bad"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
