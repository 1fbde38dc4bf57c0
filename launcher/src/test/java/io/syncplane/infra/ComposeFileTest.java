package io.syncplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code infra/docker-compose.yml} against the services and the other infra files: the images the build makes,
 * only variables a service reads, health checks behind every "healthy" dependency, workers given longer to stop
 * than their shutdown grace, mounts of files that exist, Prometheus scraping the services by their compose names and
 * ports, Grafana loading the dashboards from where they are mounted. No Docker daemon here: it is never run.
 */
class ComposeFileTest {

    private static final Path INFRA = Promtool.REPO.resolve("infra");
    private static final Path COMPOSE = INFRA.resolve("docker-compose.yml");
    private static final Duration STOP_MARGIN = Duration.ofSeconds(10);

    private static Map<String, Object> services;
    private static Map<String, String> images;

    @BeforeAll
    static void load() throws Exception {
        services = InfraYaml.map(InfraYaml.document(COMPOSE).get("services"), "services");
        images = JibImages.byModule();
    }

    @Test
    void everyPartOfTheDryRunIsThere() {
        assertThat(services).containsKeys("postgres", "redis", "google-emulator", "api-service", "worker-1",
                "worker-2", "prometheus", "grafana");
        assertThat(service("api-service").get("image")).isEqualTo(images.get("api-service"));
        assertThat(service("worker-1").get("image")).isEqualTo(images.get("worker-service"));
        assertThat(service("worker-2").get("image")).isEqualTo(images.get("worker-service"));
        assertThat(service("google-emulator").get("image")).isEqualTo(images.get("google-emulator"));
    }

    @Test
    void everySyncplaneVariableIsOneItsServiceReads() {
        int checked = 0;
        for (String name : services.keySet()) {
            String module = JibImages.moduleOf(String.valueOf(service(name).get("image")), images);
            Set<String> variables = environment(name).keySet().stream().filter(key -> key.startsWith("SYNCPLANE_"))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (module == null || module.equals("google-emulator")) {
                assertThat(variables).as(name + " is not a Syncplane service").isEmpty();
                continue;
            }
            ServiceSettings settings = ServiceSettings.of(module);
            assertThat(variables.stream().filter(variable -> !settings.reads(variable)).toList())
                    .as(name + ": variables " + module + " does not read").isEmpty();
            checked++;
        }
        assertThat(checked).isEqualTo(3);
    }

    @Test
    void healthyDependenciesHaveHealthChecksAndTheServicesWaitForTheirBackends() {
        for (String name : services.keySet()) {
            Object dependsOn = service(name).get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            InfraYaml.map(dependsOn, name + ".depends_on").forEach((dependency, condition) -> {
                assertThat(services).as(name + " depends on " + dependency).containsKey(dependency);
                if ("service_healthy".equals(InfraYaml.at(InfraYaml.map(condition, dependency), "condition"))) {
                    assertThat(service(dependency).get("healthcheck")).as(dependency + "'s healthcheck").isNotNull();
                }
            });
        }
        for (String name : List.of("api-service", "worker-1", "worker-2")) {
            Map<String, Object> dependsOn = InfraYaml.map(service(name).get("depends_on"), name);
            for (String backend : List.of("postgres", "redis", "google-emulator")) {
                assertThat(InfraYaml.at(dependsOn, backend + ".condition")).as(name + " waits for " + backend)
                        .isEqualTo("service_healthy");
            }
            String check = String.join(" ", InfraYaml.list(InfraYaml.at(service(name), "healthcheck.test"), name)
                    .stream().map(Object::toString).toList());
            assertThat(check).as(name + "'s healthcheck").contains("/actuator/health/readiness")
                    .contains("/dev/tcp/127.0.0.1/" + port(name) + " ");
        }
    }

    @Test
    void workersGetLongerToStopThanTheirShutdownGrace() {
        for (String name : List.of("worker-1", "worker-2")) {
            String configured = environment(name).get("SYNCPLANE_WORKER_SHUTDOWNGRACE");
            Duration grace = configured == null ? ServiceSettings.defaultShutdownGrace()
                    : ServiceSettings.duration(configured);
            Object stop = service(name).get("stop_grace_period");
            assertThat(stop).as(name + ": stop_grace_period (compose's default is 10 s)").isNotNull();
            assertThat(ServiceSettings.duration(String.valueOf(stop))).as(name)
                    .isGreaterThanOrEqualTo(grace.plus(STOP_MARGIN));
        }
    }

    @Test
    void bindMountsPointAtFilesThatExist() {
        int mounts = 0;
        for (String name : services.keySet()) {
            Object volumes = service(name).get("volumes");
            for (Object volume : volumes == null ? List.of() : InfraYaml.list(volumes, name + ".volumes")) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(INFRA.resolve(source).normalize()).as(name + " mounts " + volume).exists();
                    mounts++;
                }
            }
        }
        assertThat(mounts).isGreaterThanOrEqualTo(5);
    }

    @Test
    void prometheusScrapesTheServicesByTheirComposeNamesAndPorts() throws IOException {
        Map<String, Object> config = InfraYaml.document(INFRA.resolve("prometheus/prometheus.yml"));
        Set<String> targets = new TreeSet<>();
        for (Object job : InfraYaml.list(config.get("scrape_configs"), "scrape_configs")) {
            assertThat(InfraYaml.map(job, "job").get("metrics_path")).isEqualTo("/actuator/prometheus");
            for (Object staticConfig : InfraYaml.list(InfraYaml.map(job, "job").get("static_configs"), "static")) {
                InfraYaml.list(InfraYaml.map(staticConfig, "static").get("targets"), "targets")
                        .forEach(target -> targets.add(String.valueOf(target)));
            }
        }
        assertThat(targets).containsExactlyInAnyOrder("api-service:" + port("api-service"),
                "worker-1:" + port("worker-1"), "worker-2:" + port("worker-2"));
        assertThat(String.valueOf(service("prometheus").get("volumes")))
                .contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml")
                .contains("./prometheus/rules:/etc/prometheus/rules");
    }

    @Test
    void grafanaProvisionsEveryDashboardFromWhereTheyAreMounted() throws IOException {
        List<String> volumes = InfraYaml.list(service("grafana").get("volumes"), "grafana.volumes").stream()
                .map(String::valueOf).toList();
        String dashboardsMount = volumes.stream().filter(volume -> volume.startsWith("../dashboards:"))
                .map(volume -> volume.split(":")[1]).findFirst().orElseThrow();
        Map<String, Object> provider = InfraYaml.map(InfraYaml.list(InfraYaml.document(
                INFRA.resolve("grafana/provisioning/dashboards/syncplane.yml")).get("providers"), "providers").get(0),
                "provider");
        assertThat(InfraYaml.at(provider, "options.path")).isEqualTo(dashboardsMount);
        assertThat(volumes).anyMatch(volume -> volume.startsWith("./grafana/provisioning/datasources:"
                + "/etc/grafana/provisioning/datasources"));
        Map<String, Object> datasource = InfraYaml.map(InfraYaml.list(InfraYaml.document(
                INFRA.resolve("grafana/provisioning/datasources/prometheus.yml")).get("datasources"), "ds").get(0), "ds");
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", COMPOSE.toString(), "config", "-q"));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            System.err.println("WARNING: docker-compose not on PATH: `docker-compose config` not run");
            Assumptions.abort("docker-compose not on PATH");
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    /** The HTTP port a Syncplane service listens on inside its container: its port variable or the default. */
    private static int port(String name) {
        String module = JibImages.moduleOf(String.valueOf(service(name).get("image")), images);
        String variable = module.equals("api-service") ? "SYNCPLANE_API_PORT" : "SYNCPLANE_WORKER_PORT";
        return Integer.parseInt(environment(name).getOrDefault(variable,
                ServiceSettings.of(module).placeholderDefault(variable)));
    }

    private static Map<String, Object> service(String name) {
        return InfraYaml.map(services.get(name), name);
    }

    private static Map<String, String> environment(String name) {
        Object environment = service(name).get("environment");
        if (environment == null) {
            return Map.of();
        }
        return InfraYaml.map(environment, name + ".environment").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue())));
    }
}
