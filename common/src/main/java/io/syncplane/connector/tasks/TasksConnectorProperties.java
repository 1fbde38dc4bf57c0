package io.syncplane.connector.tasks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the Tasks connector.
 *
 * @param pageSize          tasks per page (1-100, Google's maximum)
 * @param listPageSize      task lists per page (1-100)
 * @param overlap           how far before the stored cursor an incremental sync asks for changes: the cursor is our
 *                          clock, {@code updated} is Google's, and the overlap absorbs the skew between them
 * @param horizon           a cursor older than this is treated as expired and answered with a full sync: Google does
 *                          not keep deleted tasks forever, so an old updatedMin window could miss deletions
 * @param rateLimitFallback how long to wait after a rate-limit answer that names no retry time
 */
@ConfigurationProperties("syncplane.connector.tasks")
public record TasksConnectorProperties(Integer pageSize, Integer listPageSize, Duration overlap, Duration horizon,
                                       Duration rateLimitFallback) {

    public TasksConnectorProperties {
        pageSize = pageSize == null ? 100 : pageSize;
        listPageSize = listPageSize == null ? 100 : listPageSize;
        overlap = overlap == null ? Duration.ofMinutes(5) : overlap;
        horizon = horizon == null ? Duration.ofDays(20) : horizon;
        rateLimitFallback = rateLimitFallback == null ? Duration.ofMinutes(1) : rateLimitFallback;
        if (pageSize < 1 || pageSize > 100 || listPageSize < 1 || listPageSize > 100) {
            throw new IllegalArgumentException("Tasks page sizes must be within 1..100: " + pageSize + ", "
                    + listPageSize);
        }
        if (overlap.isNegative() || horizon.compareTo(overlap) <= 0 || rateLimitFallback.isNegative()
                || rateLimitFallback.isZero()) {
            throw new IllegalArgumentException("need 0 <= overlap < horizon and a positive rateLimitFallback: "
                    + overlap + ", " + horizon + ", " + rateLimitFallback);
        }
    }

    public static TasksConnectorProperties defaults() {
        return new TasksConnectorProperties(null, null, null, null, null);
    }

    public TasksConnectorProperties withPageSizes(int tasks, int lists) {
        return new TasksConnectorProperties(tasks, lists, overlap, horizon, rateLimitFallback);
    }

    public TasksConnectorProperties withOverlap(Duration value) {
        return new TasksConnectorProperties(pageSize, listPageSize, value, horizon, rateLimitFallback);
    }
}
