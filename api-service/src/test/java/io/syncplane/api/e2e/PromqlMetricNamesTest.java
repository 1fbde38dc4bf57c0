package io.syncplane.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromqlMetricNamesTest {

    @Test
    void label_names_values_functions_and_grafana_variables_are_not_metrics() {
        assertThat(PromqlMetricNames.in("histogram_quantile(0.95, sum by (source, le) (rate("
                + "syncplane_sync_duration_seconds_bucket{source=~\"$source\", outcome!=\"rate_limited\"}"
                + "[$__rate_interval])))")).containsExactly("syncplane_sync_duration_seconds_bucket");
    }

    @Test
    void vector_matching_keywords_and_their_label_lists_are_skipped() {
        assertThat(PromqlMetricNames.in("a / on (instance, job) group_left (version) b"
                + " + ignoring(pod) c * on() group_right d")).containsExactly("a", "b", "c", "d");
        assertThat(PromqlMetricNames.in("sum without (instance, pod, service) (x) + max(y) by (z)"
                + " + count BY(a) (w) + topk without(b) (3, v)")).containsExactly("x", "y", "w", "v");
        assertThat(PromqlMetricNames.in("a > bool 5 and b unless c or d AND e")).containsExactly("a", "b", "c", "d",
                "e");
        assertThat(PromqlMetricNames.in("x * on (id) group_left y")).as("group_left without a label list")
                .containsExactly("x", "y");
    }

    @Test
    void strings_never_contribute_names() {
        assertThat(PromqlMetricNames.in("label_replace(up{job=\"x\"}, \"dst\", \"rate(bar_total[5m])\", \"src\", "
                + "'(.*)')")).containsExactly("up");
        assertThat(PromqlMetricNames.in("count_values(`version`, build_info{a=\"quote \\\" inside {brace}\"})"))
                .containsExactly("build_info");
    }

    @Test
    void offsets_at_modifiers_numbers_and_durations_are_not_metrics() {
        assertThat(PromqlMetricNames.in("max(x offset 30m) - max(y offset -1h30m) + z @ 1609746000"
                + " + w @ start() + 1e-3 * 0x1eF + .5 - Inf + NaN")).containsExactly("x", "y", "z", "w");
        assertThat(PromqlMetricNames.in("deriv(max(syncplane_queue_runnable_jobs)[10m:1m])"))
                .containsExactly("syncplane_queue_runnable_jobs");
    }

    @Test
    void grafana_variables_in_every_notation_are_skipped() {
        assertThat(PromqlMetricNames.in("rate(x[${__rate_interval}]) / rate(y[[[interval]]]) * $scale"))
                .containsExactly("x", "y");
    }

    @Test
    void a_name_matcher_names_a_metric_and_recording_rule_names_keep_their_colons() {
        assertThat(PromqlMetricNames.in("{__name__=\"jvm_memory_used_bytes\", area=\"heap\"}"))
                .containsExactly("jvm_memory_used_bytes");
        assertThat(PromqlMetricNames.in("{__name__=~\"jvm_.*\"}")).as("a regex names no single metric").isEmpty();
        assertThat(PromqlMetricNames.in("job:http_requests:rate5m > 0")).containsExactly("job:http_requests:rate5m");
    }

    @Test
    void comments_and_constants_only() {
        assertThat(PromqlMetricNames.in("# mentions bogus_metric\nup == 1")).containsExactly("up");
        assertThat(PromqlMetricNames.in("vector(0) + time() - scalar(vector(1))")).isEmpty();
    }

    @Test
    void a_metric_name_spelled_like_a_function_still_counts_unless_it_is_called() {
        assertThat(PromqlMetricNames.in("rate + rate(rate_total[5m])")).containsExactly("rate", "rate_total");
    }

    @Test
    void unterminated_input_is_an_error_not_a_guess() {
        assertThatThrownBy(() -> PromqlMetricNames.in("x{a=\"b}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromqlMetricNames.in("rate(x[5m)")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void each_metric_comes_with_the_labels_its_matchers_name_and_grouping_labels_are_collected() {
        PromqlMetricNames parsed = PromqlMetricNames.parse("sum by (source, le) (rate(a_bucket{source=~\"$source\","
                + " outcome!=\"x=y\", mode =~ 'f{u}ll'}[5m])) / on (source) group_left (mode) b"
                + " + {__name__=\"c\", api=\"gmail\"} + d {lane=\"bulk\"} + max without (pod) (e)");
        assertThat(parsed.selectors()).containsExactly(
                new PromqlMetricNames.Selector("a_bucket", Set.of("source", "outcome", "mode")),
                new PromqlMetricNames.Selector("b", Set.of()),
                new PromqlMetricNames.Selector("c", Set.of("api")),
                new PromqlMetricNames.Selector("d", Set.of("lane")),
                new PromqlMetricNames.Selector("e", Set.of()));
        assertThat(parsed.groupingLabels()).as("not without's").containsExactlyInAnyOrder("source", "le",
                "mode");
    }
}
