package io.syncplane.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldsMatchTest {

    @Test
    void googles_copy_may_add_to_what_was_sent_but_not_differ() {
        Map<String, Object> google = Map.of("summary", "Planning", "etag", "\"1\"",
                "start", Map.of("dateTime", "2026-12-10T11:00:00.000+01:00", "timeZone", "Europe/Paris"),
                "names", List.of(Map.of("givenName", "Ada", "displayName", "Ada Lovelace")));

        assertThat(FieldsMatch.contains(google, Map.of("summary", "Planning"))).isTrue();
        assertThat(FieldsMatch.contains(google, Map.of("start", Map.of("dateTime", "2026-12-10T10:00:00Z"))))
                .as("the same instant, formatted by Google").isTrue();
        assertThat(FieldsMatch.contains(google, Map.of("names", List.of(Map.of("givenName", "Ada"))))).isTrue();
        assertThat(FieldsMatch.contains(google, Map.of("summary", "Other"))).isFalse();
        assertThat(FieldsMatch.contains(google, Map.of("location", "Room 2"))).as("not there").isFalse();
        assertThat(FieldsMatch.contains(google, Map.of("names",
                List.of(Map.of("givenName", "Ada"), Map.of("givenName", "Bob"))))).isFalse();
        assertThat(FieldsMatch.contains(google, Map.of("start", Map.of("dateTime", "2026-12-10T10:00:01Z"))))
                .isFalse();
    }
}
