package io.syncplane.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplane.domain.Source;
import io.syncplane.limits.RequestLimits;
import io.syncplane.startup.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestLimitsPropertiesTest {

    @Test
    void nothingSetGivesTheDocumentedDefaults() {
        RequestLimitsProperties none = new RequestLimitsProperties(null, null, null, null, null, null, null);
        assertThat(none.isEnabled()).isTrue();
        assertThat(none.limits()).isEqualTo(RequestLimits.defaults());
        assertThat(RequestLimits.defaults().requestsPerSecond()).isEqualTo(1.0);
        assertThat(RequestLimits.defaults().maxInFlight()).isEqualTo(5);
    }

    @Test
    void weightsMultiplyAndABackfillWeighsLess() {
        RequestLimits limits = new RequestLimitsProperties(true, 2.0, 1, 5, Duration.ofSeconds(3), 0.5,
                Map.of("contacts", 0.5)).limits();
        assertThat(limits.weight(Source.GMAIL, false)).isEqualTo(1.0);
        assertThat(limits.weight(Source.GMAIL, true)).isEqualTo(0.5);
        assertThat(limits.weight(Source.CONTACTS, true)).isEqualTo(0.25);
    }

    @Test
    void eachWrongSettingIsNamed() {
        assertNamed(new RequestLimitsProperties(true, -1.0, null, null, null, null, null), "rate");
        assertNamed(new RequestLimitsProperties(true, null, 0, null, null, null, null), "burst");
        assertNamed(new RequestLimitsProperties(true, null, null, 0, null, null, null), "max-in-flight");
        assertNamed(new RequestLimitsProperties(true, 1.0, null, null, Duration.ofMillis(999), null, null),
                "max-wait");
        assertNamed(new RequestLimitsProperties(true, null, null, null, null, 1.5, null), "backfill-weight");
        assertNamed(new RequestLimitsProperties(true, null, null, null, null, null, Map.of("drive", 1.0)),
                "weights.drive");
        assertNamed(new RequestLimitsProperties(true, null, null, null, null, null, Map.of("gmail", 0.0)),
                "weights.gmail");
    }

    private static void assertNamed(RequestLimitsProperties properties, String setting) {
        assertThatThrownBy(properties::limits).isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("syncplane.limits.requests." + setting + ":");
    }
}
