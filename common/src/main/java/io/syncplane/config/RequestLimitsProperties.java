package io.syncplane.config;

import io.syncplane.domain.Source;
import io.syncplane.limits.RequestLimits;
import io.syncplane.startup.InvalidSettingException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code syncplane.limits.requests.*}: the per-user budget of requests to Google, shared by all workers.
 *
 * @param enabled        false sends every request at once (no per-user limit; Google's own quotas still apply)
 * @param rate           requests per second per user (default 1)
 * @param burst          requests at once after being idle (default 1)
 * @param maxInFlight    a user's requests awaiting Google's answer at once (default 5)
 * @param maxWait        how long a request waits for a permit before its sync yields and is deferred (default 10 s)
 * @param backfillWeight weight of a full sync's requests against incremental ones, in (0, 1] (default 0.5)
 * @param weights        weight per source id (gmail, calendar, contacts, tasks), in (0, 1] (default 1)
 */
@ConfigurationProperties("syncplane.limits.requests")
public record RequestLimitsProperties(Boolean enabled, Double rate, Integer burst, Integer maxInFlight,
                                      Duration maxWait, Double backfillWeight, Map<String, Double> weights) {

    private static final String PREFIX = "syncplane.limits.requests.";

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    /** The limits, or a one-line {@link InvalidSettingException} naming the setting that is wrong. */
    public RequestLimits limits() {
        RequestLimits defaults = RequestLimits.defaults();
        double r = rate == null ? defaults.requestsPerSecond() : rate;
        check(r > 0 && !Double.isInfinite(r), "rate", r, "give a positive number of requests per second, e.g. 1");
        int b = burst == null ? defaults.burst() : burst;
        check(b >= 1, "burst", b, "give 1 or more");
        int inFlight = maxInFlight == null ? defaults.maxInFlight() : maxInFlight;
        check(inFlight >= 1, "max-in-flight", inFlight, "give 1 or more");
        Duration wait = maxWait == null ? defaults.maxWait() : maxWait;
        // A run that may not wait one interval can never send two requests in a row, so a page that needs two (a list
        // and its batch) would be deferred forever.
        Duration interval = Duration.ofNanos(Math.round(1e9 / r));
        check(wait.compareTo(interval) >= 0, "max-wait", wait, "give at least " + describe(interval)
                + " (one interval at " + r + " requests/s), e.g. 3s");
        double backfill = backfillWeight == null ? defaults.backfillWeight() : backfillWeight;
        check(backfill > 0 && backfill <= 1, "backfill-weight", backfill, "give a weight in (0, 1], e.g. 0.5");
        Map<Source, Double> perSource = new EnumMap<>(Source.class);
        if (weights != null) {
            weights.forEach((id, weight) -> {
                Source source = Source.fromId(id).orElseThrow(() -> new InvalidSettingException(
                        PREFIX + "weights." + id, "is not a source", "use one of gmail, calendar, contacts, tasks"));
                check(weight != null && weight > 0 && weight <= 1, "weights." + id, weight,
                        "give a weight in (0, 1]");
                perSource.put(source, weight);
            });
        }
        return new RequestLimits(r, b, inFlight, wait, backfill, perSource);
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static void check(boolean valid, String setting, Object value, String fix) {
        if (!valid) {
            throw new InvalidSettingException(PREFIX + setting, "\"" + value + "\" is not valid", fix);
        }
    }
}
