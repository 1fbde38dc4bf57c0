package io.syncplane.api;

import io.syncplane.startup.RestartingStart;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The api-service: everything in {@code io.syncplane} but the worker and the connectors, which only workers run. Both
 * they and JobRunr (the worker's scheduler) must stay out when the two services share a classpath, as in the
 * end-to-end tests; in the api-service's own jar JobRunr is absent and the exclusion does nothing.
 */
@SpringBootApplication(excludeName = {
        "org.jobrunr.spring.autoconfigure.JobRunrAutoConfiguration",
        "org.jobrunr.spring.autoconfigure.storage.JobRunrSqlStorageAutoConfiguration",
        "org.jobrunr.spring.autoconfigure.metrics.JobRunrMetricsAutoConfiguration"})
@ComponentScan(basePackages = "io.syncplane", excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = {"io\\.syncplane\\.worker\\..*", "io\\.syncplane\\.connector\\..*"}))
public class ApiServiceApplication {

    public static void main(String[] args) {
        RestartingStart.run(ApiServiceApplication.class, args);
    }
}
