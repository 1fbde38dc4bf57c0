package io.syncplane.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConvergenceCompareTest {

    private static CopyRow message(String id, String labels) {
        return new CopyRow(id, GroundTruthRows.gmailFields("t", labels, "s"));
    }

    @Test
    void equalCopiesHaveNoDivergence() {
        List<CopyRow> rows = List.of(message("a", "INBOX"), message("b", "INBOX,UNREAD"));
        assertThat(ConvergenceCheck.compare("u", "gmail", rows, List.copyOf(rows), Set.of())).isEmpty();
    }

    @Test
    void findsMissingExtraStaleAndDuplicateRows() {
        List<CopyRow> google = List.of(message("a", "INBOX"), message("b", "INBOX"), message("c", "INBOX"));
        List<CopyRow> ours = List.of(message("a", "INBOX,UNREAD"), message("d", "INBOX"), message("d", "INBOX"));
        List<Divergence> found = ConvergenceCheck.compare("u", "gmail", google, ours, Set.of("c"));
        assertThat(found).extracting(Divergence::kind, Divergence::item).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("duplicate", "d"),
                org.assertj.core.groups.Tuple.tuple("out_of_date", "a"),
                org.assertj.core.groups.Tuple.tuple("missing", "b"),
                org.assertj.core.groups.Tuple.tuple("missing", "c"),
                org.assertj.core.groups.Tuple.tuple("deleted_at_google_live_here", "d"));
        assertThat(found).filteredOn(d -> d.item().equals("a")).singleElement()
                .extracting(Divergence::detail).isEqualTo("labelIds: google=INBOX ours=INBOX,UNREAD");
        assertThat(found).filteredOn(d -> d.item().equals("c")).singleElement()
                .extracting(Divergence::detail).isEqualTo("tombstoned here, live at Google");
    }

    @Test
    void groundTruthKeysEveryCalendarByItsRealIdAsTheCopyDoesAndComparesAtWirePrecision() {
        JsonNode truth = EmulatorClient.JSON.readTree("""
                {"email":"u@example.test","messages":[],"contacts":[],"taskLists":[],
                 "eventsByCalendar":{"u@example.test":[{"id":"e1","summary":"S",
                   "start":{"dateTime":"2026-12-06T18:47:52.310276381Z"},"updated":"2026-12-03T06:47:52.310318419Z"}],
                   "other@group.test":[{"id":"e2","summary":"T","start":{"date":"2026-05-01"},
                   "updated":"2026-01-01T00:00:00Z"},
                   {"id":"s1_20260102T100000Z","status":"cancelled","recurringEventId":"s1",
                   "summary":"Weekly","start":{"dateTime":"2026-01-02T10:00:00Z"},"updated":"2026-01-01T00:00:00Z"}]}}
                """);
        Map<String, List<CopyRow>> rows = GroundTruthRows.of(truth);
        assertThat(rows.get("calendar")).containsExactly(
                new CopyRow("u@example.test/e1", GroundTruthRows.eventFields("S", "2026-12-06T18:47:52.310Z",
                        "2026-12-03T06:47:52.310Z")),
                new CopyRow("other@group.test/e2", GroundTruthRows.eventFields("T", "date:2026-05-01",
                        "2026-01-01T00:00:00Z")),
                new CopyRow("other@group.test/s1_20260102T100000Z", GroundTruthRows.eventFields(null,
                        GroundTruthRows.CANCELLED_OCCURRENCE, "2026-01-01T00:00:00Z")));
    }

    @Test
    void theLongestGapCountsTheWindowEdges() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = from.plusSeconds(60);
        List<Instant> starts = List.of(from.plusSeconds(5), from.plusSeconds(12), from.plusSeconds(40));
        assertThat(LedgerProbe.longestGap(starts, from, to).length()).isEqualTo(Duration.ofSeconds(28));
        assertThat(LedgerProbe.longestGap(List.of(from.plusSeconds(1)), from, to).length())
                .isEqualTo(Duration.ofSeconds(59));
        assertThat(LedgerProbe.longestGap(List.of(), from, to).length()).isEqualTo(Duration.ofSeconds(60));
    }
}
