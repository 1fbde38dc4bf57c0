package io.syncplane.worker;

import io.syncplane.startup.RestartingStart;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/** The worker: everything in {@code io.syncplane} but the api-service's web layer. */
@SpringBootApplication
@ComponentScan(basePackages = "io.syncplane", excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = "io\\.syncplane\\.api\\..*"))
public class WorkerServiceApplication {

    public static void main(String[] args) {
        RestartingStart.run(WorkerServiceApplication.class, args);
    }
}
