package io.syncplane.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The api-service: everything in {@code io.syncplane} but the worker and the connectors, which only workers run (and
 * which must stay out when both services share a classpath, as in the end-to-end tests).
 */
@SpringBootApplication
@ComponentScan(basePackages = "io.syncplane", excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = {"io\\.syncplane\\.worker\\..*", "io\\.syncplane\\.connector\\..*"}))
public class ApiServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ApiServiceApplication.class, args);
    }
}
