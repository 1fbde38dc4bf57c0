package io.syncplane.emulator.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestLogTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final RequestLog log = new RequestLog(now::get);

    @Test
    void theDensestWindowCountsStartsLessThanAWindowApart() {
        for (int i = 0; i < 10; i++) {
            log.begin("a@example.com").close();
            now.addAndGet(SECOND);
        }
        // ten starts one second apart: any 10 s window [t, t + 10 s) holds all ten, any 5 s one five
        assertThat(log.summary(10 * SECOND).get("a@example.com").maxInWindow()).isEqualTo(10);
        assertThat(log.summary(5 * SECOND).get("a@example.com").maxInWindow()).isEqualTo(5);
        assertThat(log.summary(SECOND).get("a@example.com").maxInWindow()).isEqualTo(1);
        assertThat(log.summary(SECOND).get("a@example.com").spanSeconds()).isEqualTo(9.0);
    }

    @Test
    void aBurstShowsInItsWindowAndUsersAreKeptApart() {
        log.begin("a@example.com").close();
        now.addAndGet(SECOND / 10);
        log.begin("a@example.com").close();
        log.begin("b@example.com").close();
        assertThat(log.summary(SECOND).get("a@example.com").maxInWindow()).isEqualTo(2);
        assertThat(log.summary(SECOND).get("b@example.com").requests()).isEqualTo(1);
    }

    @Test
    void inFlightCountsRequestsNotYetAnsweredAndClosingTwiceCountsOnce() {
        RequestLog.InFlight first = log.begin("a@example.com");
        RequestLog.InFlight second = log.begin("a@example.com");
        first.close();
        first.close();
        RequestLog.InFlight third = log.begin("a@example.com");
        second.close();
        third.close();
        log.begin("a@example.com").close();
        assertThat(log.summary(SECOND).get("a@example.com").maxInFlight()).isEqualTo(2);
        assertThat(log.summary(SECOND).get("a@example.com").requests()).isEqualTo(4);
    }

    @Test
    void onlyTheLatestStartsAreKeptButTheTotalCountsAll() {
        for (int i = 0; i < RequestLog.MAX_PER_USER + 5; i++) {
            log.begin("a@example.com").close();
            now.incrementAndGet();
        }
        assertThat(log.startsOf("a@example.com")).hasSize(RequestLog.MAX_PER_USER);
        assertThat(log.summary(SECOND).get("a@example.com").requests()).isEqualTo(RequestLog.MAX_PER_USER + 5);
        log.clear();
        assertThat(log.summary(SECOND)).isEmpty();
    }
}
