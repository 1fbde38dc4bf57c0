package io.syncplane.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplane.config.WritesProperties;
import io.syncplane.domain.Source;
import io.syncplane.startup.InvalidSettingException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteSettingsTest {

    @Test
    void newer_wins_and_eight_attempts_unless_configured() {
        WriteSettings settings = new WritesProperties(null, Map.of("tasks", "google-wins")).settings();

        assertThat(settings.maxAttempts()).isEqualTo(8);
        assertThat(settings.policy(Source.TASKS)).isEqualTo(ConflictPolicy.GOOGLE_WINS);
        assertThat(settings.policy(Source.CALENDAR)).isEqualTo(ConflictPolicy.NEWER_WINS);
        assertThat(new WritesProperties("3", null).settings().maxAttempts()).isEqualTo(3);
    }

    @Test
    void a_wrong_setting_is_named_with_its_fix() {
        assertThatThrownBy(() -> new WritesProperties("0", null).settings())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("syncplane.writes.max-attempts: is 0");
        assertThatThrownBy(() -> new WritesProperties("many", null).settings())
                .hasMessageStartingWith("syncplane.writes.max-attempts: \"many\" is not a number");
        assertThatThrownBy(() -> new WritesProperties(null, Map.of("calendar", "newest")).settings())
                .hasMessageStartingWith("syncplane.writes.conflicts.calendar: is \"newest\"");
        assertThatThrownBy(() -> new WritesProperties(null, Map.of("drive", "google-wins")).settings())
                .hasMessageStartingWith("syncplane.writes.conflicts.drive: is not a source");
    }
}
