package io.syncplane.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterParserTest {

    private static final Instant NOW = Instant.parse("2026-09-11T19:58:00Z");

    @Test
    void aHeaderInSecondsCountsFromNow() {
        assertThat(RetryAfterParser.fromHeader("120", NOW)).contains(NOW.plusSeconds(120));
        assertThat(RetryAfterParser.fromHeader(" 0 ", NOW)).contains(NOW);
    }

    @Test
    void aHeaderMayBeAnHttpDateInAnyOfItsThreeForms() {
        Instant expected = Instant.parse("2026-10-21T07:28:00Z");
        assertThat(RetryAfterParser.fromHeader("Wed, 21 Oct 2026 07:28:00 GMT", NOW)).contains(expected);
        assertThat(RetryAfterParser.fromHeader("Wednesday, 21-Oct-26 07:28:00 GMT", NOW)).contains(expected);
        assertThat(RetryAfterParser.fromHeader("Wed Oct 21 07:28:00 2026", NOW)).contains(expected);
    }

    @Test
    void aHeaderThatSaysNothingUsableIsIgnored() {
        assertThat(RetryAfterParser.fromHeader(null, NOW)).isEmpty();
        assertThat(RetryAfterParser.fromHeader("", NOW)).isEmpty();
        assertThat(RetryAfterParser.fromHeader("soon", NOW)).isEmpty();
        assertThat(RetryAfterParser.fromHeader("-5", NOW)).isEmpty();
    }

    @Test
    void gmailsUserRateLimitMessageCarriesTheTime() {
        String message = "User-rate limit exceeded.  Retry after 2026-09-11T20:00:00.000Z";
        assertThat(RetryAfterParser.fromMessage(message)).contains(Instant.parse("2026-09-11T20:00:00Z"));
        assertThat(RetryAfterParser.fromMessage("{\"message\": \"User-rate limit exceeded.  Retry after "
                + "2026-09-11T20:00:00.000Z\", \"reason\": \"rateLimitExceeded\"}"))
                .contains(Instant.parse("2026-09-11T20:00:00Z"));
        assertThat(RetryAfterParser.fromMessage("retry AFTER 2026-09-11T20:00:00+02:00."))
                .contains(Instant.parse("2026-09-11T18:00:00Z"));
        assertThat(RetryAfterParser.fromMessage("Retry after 2026-09-11T20:00:00")).as("no offset means UTC")
                .contains(Instant.parse("2026-09-11T20:00:00Z"));
    }

    @Test
    void otherMessagesHaveNoTime() {
        assertThat(RetryAfterParser.fromMessage(null)).isEmpty();
        assertThat(RetryAfterParser.fromMessage("Backend Error")).isEmpty();
        assertThat(RetryAfterParser.fromMessage("Retry after a while")).isEmpty();
    }

    @Test
    void theHeaderWinsOverTheMessage() {
        assertThat(RetryAfterParser.explicitRetryAt("30", "Retry after 2026-09-11T20:00:00.000Z", NOW))
                .contains(NOW.plusSeconds(30));
        assertThat(RetryAfterParser.explicitRetryAt(null, "Retry after 2026-09-11T20:00:00.000Z", NOW))
                .contains(Instant.parse("2026-09-11T20:00:00Z"));
        assertThat(RetryAfterParser.explicitRetryAt(null, "Backend Error", NOW)).isEmpty();
    }
}
