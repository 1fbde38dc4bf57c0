package io.syncplane.api.status;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code syncplane.api.status-page.*}.
 *
 * @param jobrunrDashboardUrl where operators find the worker's JobRunr dashboard; the page links there when set
 *                            (SYNCPLANE_STATUS_JOBRUNR_DASHBOARD_URL), and shows no link when not
 */
@ConfigurationProperties("syncplane.api.status-page")
public record StatusPageProperties(String jobrunrDashboardUrl) {

    public StatusPageProperties {
        jobrunrDashboardUrl = jobrunrDashboardUrl == null || jobrunrDashboardUrl.isBlank() ? null
                : jobrunrDashboardUrl.strip();
    }
}
