package io.syncplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes manifests in {@code infra/k8s} against what the services really do: probes on the actuator paths
 * and ports the services serve, a worker termination grace longer than its shutdown grace, only environment
 * variables a service reads, the images the build makes, a KEDA query promtool accepts that reads catalogued
 * metrics. There is no cluster here, so the API server's own validation (kubectl apply --dry-run) is not run.
 */
class DeploymentManifestsTest {

    private static final Path K8S = Promtool.REPO.resolve("infra/k8s");
    // what the worker's Spring context needs after the claim loop's grace: JobRunr, Tomcat and the pools stopping
    private static final Duration STOP_MARGIN = Duration.ofSeconds(10);

    private static final Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
    private static Map<String, String> images;

    @TempDir
    Path temp;

    @BeforeAll
    static void load() throws Exception {
        for (Path file : yamlFiles()) {
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            for (Map<String, Object> document : InfraYaml.documents(file)) {
                String key = document.get("kind") + "/" + InfraYaml.at(document, "metadata.name");
                assertThat(resources.put(key, document)).as("duplicate " + key).isNull();
            }
        }
        images = JibImages.byModule();
    }

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        Map<String, Object> kustomization = InfraYaml.document(K8S.resolve("kustomization.yaml"));
        Set<String> listed = new TreeSet<>(InfraYaml.list(kustomization.get("resources"), "resources").stream()
                .map(Object::toString).toList());
        Set<String> present = yamlFiles().stream().map(path -> path.getFileName().toString())
                .filter(name -> !name.equals("kustomization.yaml")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(present);
        assertThat(resources.keySet()).contains("Deployment/syncplane-api", "Deployment/syncplane-worker",
                "Service/syncplane-api", "ScaledObject/syncplane-worker", "PodDisruptionBudget/syncplane-worker");
    }

    @Test
    void theWorkerGetsLongerToStopThanItsShutdownGrace() {
        Map<String, Object> pod = podSpec("syncplane-worker");
        Duration grace = environment(container(pod)).containsKey("SYNCPLANE_WORKER_SHUTDOWNGRACE")
                ? ServiceSettings.duration(environment(container(pod)).get("SYNCPLANE_WORKER_SHUTDOWNGRACE"))
                : ServiceSettings.defaultShutdownGrace();
        Duration termination = Duration.ofSeconds(((Number) pod.get("terminationGracePeriodSeconds")).longValue());
        assertThat(termination).as("terminationGracePeriodSeconds vs the worker's shutdown grace " + grace)
                .isGreaterThanOrEqualTo(grace.plus(STOP_MARGIN));
    }

    @Test
    void probesAndScrapeAnnotationsUseTheServicesActuatorPortAndPaths() {
        assertThat(read(Promtool.REPO.resolve("common/src/main/java/io/syncplane/startup/StartupDefaults.java")))
                .as("liveness and readiness groups are on")
                .contains("\"management.endpoint.health.probes.enabled\", \"true\"");
        for (String deployment : List.of("syncplane-api", "syncplane-worker")) {
            Map<String, Object> pod = podSpec(deployment);
            Map<String, Object> container = container(pod);
            ServiceSettings service = settingsOf(container);
            // actuator shares the HTTP port and its /actuator base path unless application.yml says otherwise
            Map<String, Object> yml = applicationYml(service);
            assertThat(InfraYaml.at(yml, "management.server.port")).as(service.module()).isNull();
            assertThat(InfraYaml.at(yml, "management.endpoints.web.base-path")).as(service.module()).isNull();
            assertThat(String.valueOf(InfraYaml.at(yml, "management.endpoints.web.exposure.include")))
                    .contains("health", "prometheus");
            String portVariable = service.module().equals("api-service") ? "SYNCPLANE_API_PORT" : "SYNCPLANE_WORKER_PORT";
            int servicePort = Integer.parseInt(environment(container)
                    .getOrDefault(portVariable, service.placeholderDefault(portVariable)));
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                Map<String, Object> http = InfraYaml.map(InfraYaml.at(container, probe + ".httpGet"), probe);
                assertThat(resolvePort(container, http.get("port"))).as(deployment + " " + probe + " port")
                        .isEqualTo(servicePort);
                assertThat(http.get("path")).as(deployment + " " + probe).isEqualTo(probe.equals("readinessProbe")
                        ? "/actuator/health/readiness" : "/actuator/health/liveness");
            }
            Map<String, Object> annotations = InfraYaml.map(InfraYaml.at(
                    resources.get("Deployment/" + deployment), "spec.template.metadata.annotations"), deployment);
            assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", String.valueOf(servicePort))
                    .containsEntry("prometheus.io/path", "/actuator/prometheus");
        }
    }

    @Test
    void everySyncplaneVariableIsOneItsServiceReads() {
        for (String deployment : List.of("syncplane-api", "syncplane-worker")) {
            Map<String, Object> container = container(podSpec(deployment));
            ServiceSettings service = settingsOf(container);
            Set<String> variables = environment(container).keySet().stream().filter(name -> name.startsWith("SYNCPLANE_"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(variables).as(deployment).hasSizeGreaterThan(5);
            assertThat(variables.stream().filter(name -> !service.reads(name)).toList())
                    .as(deployment + ": variables " + service.module() + " does not read").isEmpty();
        }
        // the check itself: a misspelt name is caught
        assertThat(ServiceSettings.of("worker-service").reads("SYNCPLANE_WORKER_CONCURENCY")).isFalse();
        assertThat(ServiceSettings.of("worker-service").reads("SYNCPLANE_WORKER_CONCURRENCY")).isTrue();
    }

    @Test
    void linkingUsesAConfiguredOAuthClient() {
        Map<String, String> api = environment(container(podSpec("syncplane-api")));
        assertThat(api.get("SYNCPLANE_OAUTH_CLIENT_ID")).isEqualTo(api.get("SYNCPLANE_GOOGLE_CLIENTS_0_ID"));
    }

    @Test
    void noSecretValueIsCommitted() {
        List<String> secrets = resources.keySet().stream().filter(key -> key.startsWith("Secret/")).toList();
        assertThat(secrets).isNotEmpty();
        for (String key : secrets) {
            assertThat(resources.get(key)).as(key + ": stringData only").doesNotContainKey("data");
            InfraYaml.map(resources.get(key).get("stringData"), key).forEach((name, value) ->
                    assertThat(value).as(key + " " + name + " must stay a placeholder").isEqualTo("REPLACE-ME"));
        }
    }

    @Test
    void deploymentsRunTheImagesTheBuildMakes() {
        for (String deployment : List.of("syncplane-api", "syncplane-worker")) {
            Object image = container(podSpec(deployment)).get("image");
            assertThat(images).as(deployment + " runs " + image).containsValue(String.valueOf(image));
            assertThat(InfraYaml.at(podSpec(deployment), "securityContext.runAsNonRoot")).isEqualTo(true);
        }
    }

    @Test
    void servicesAndDisruptionBudgetsSelectTheDeployments() {
        Map<String, Map<String, Object>> podLabels = new HashMap<>();
        resources.forEach((key, resource) -> {
            if (key.startsWith("Deployment/")) {
                podLabels.put(key, InfraYaml.map(InfraYaml.at(resource, "spec.template.metadata.labels"), key));
                assertThat(InfraYaml.at(resource, "spec.selector.matchLabels")).as(key)
                        .isEqualTo(podLabels.get(key));
            }
        });
        resources.forEach((key, resource) -> {
            Object selector = key.startsWith("Service/") ? InfraYaml.at(resource, "spec.selector")
                    : key.startsWith("PodDisruptionBudget/") ? InfraYaml.at(resource, "spec.selector.matchLabels")
                    : null;
            if (selector != null) {
                Map<String, Object> wanted = InfraYaml.map(selector, key);
                assertThat(podLabels.values().stream().filter(labels -> labels.entrySet()
                        .containsAll(wanted.entrySet())).count()).as(key + " selects one Deployment").isEqualTo(1);
            }
        });
        for (String name : List.of("syncplane-api", "syncplane-worker")) {
            Map<String, Object> container = container(podSpec(name));
            for (Object port : InfraYaml.list(InfraYaml.at(resources.get("Service/" + name), "spec.ports"), name)) {
                assertThat(resolvePort(container, InfraYaml.map(port, name).get("targetPort"))).as(name).isPositive();
            }
        }
    }

    @Test
    void workersScaleOnTheRunnableBacklogWithAQueryPromtoolAccepts() throws IOException {
        Map<String, Object> scaled = resources.get("ScaledObject/syncplane-worker");
        assertThat(InfraYaml.at(scaled, "spec.scaleTargetRef.name")).isEqualTo("syncplane-worker");
        assertThat(((Number) InfraYaml.at(scaled, "spec.minReplicaCount")).intValue())
                .as("the workers run the stale-sync scanner: never scale to zero").isPositive();
        List<Object> triggers = InfraYaml.list(InfraYaml.at(scaled, "spec.triggers"), "triggers");
        assertThat(triggers).hasSize(1);
        Map<String, Object> trigger = InfraYaml.map(triggers.get(0), "trigger");
        assertThat(trigger.get("type")).isEqualTo("prometheus");
        Map<String, Object> metadata = InfraYaml.map(trigger.get("metadata"), "trigger.metadata");
        String query = String.valueOf(metadata.get("query"));
        assertThat(metrics(query)).as("metrics the query reads").contains("syncplane_queue_runnable_jobs")
                .isSubsetOf(catalogue());
        assertThat(metadata.get("threshold")).as("per-replica target = one worker's concurrency")
                .isEqualTo(environment(container(podSpec("syncplane-worker"))).get("SYNCPLANE_WORKER_CONCURRENCY"));

        Promtool.requireInstalled();
        Path rules = temp.resolve("keda-rules.yml");
        Files.writeString(rules, "groups:\n  - name: keda\n    rules:\n      - record: keda:workers\n        expr: '"
                + query.replace("'", "''") + "'\n");
        Promtool.Result result = Promtool.run(temp, "check", "rules", rules.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void kustomizeBuildsTheManifests() throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            probe.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            System.err.println("WARNING: kubectl not on PATH: `kubectl kustomize infra/k8s` not checked");
            Assumptions.abort("kubectl not on PATH");
            return;
        }
        Process kustomize = new ProcessBuilder("kubectl", "kustomize", K8S.toString()).redirectErrorStream(true)
                .start();
        String output = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kustomize.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kustomize.exitValue()).as(output).isZero();
        List<String> rendered = new ArrayList<>();
        Path file = temp.resolve("rendered.yaml");
        Files.writeString(file, output);
        for (Map<String, Object> document : InfraYaml.documents(file)) {
            rendered.add(document.get("kind") + "/" + InfraYaml.at(document, "metadata.name"));
            if (!"Namespace".equals(document.get("kind"))) {
                assertThat(InfraYaml.at(document, "metadata.namespace")).as(rendered.get(rendered.size() - 1))
                        .isEqualTo("syncplane");
            }
        }
        assertThat(rendered).containsExactlyInAnyOrderElementsOf(resources.keySet());
    }

    /** Metric names in a PromQL expression: the catalogued families' prefixes. */
    static Set<String> metrics(String query) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\b((?:syncplane|jobrunr)_[a-z0-9_]+)\\b").matcher(query);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Every metric docs/metrics.md lists (first table column). */
    static Set<String> catalogue() {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("(?m)^\\| `([a-z0-9_]+)`").matcher(read(Promtool.REPO.resolve("docs/metrics.md")));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        assertThat(names).as("docs/metrics.md catalogue").hasSizeGreaterThan(10);
        return names;
    }

    static Map<String, Object> applicationYml(ServiceSettings service) {
        try {
            return InfraYaml.document(Promtool.REPO.resolve(service.module()).resolve("src/main/resources/application.yml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> podSpec(String deployment) {
        Map<String, Object> resource = resources.get("Deployment/" + deployment);
        assertThat(resource).as("Deployment/" + deployment).isNotNull();
        return InfraYaml.map(InfraYaml.at(resource, "spec.template.spec"), deployment);
    }

    private static Map<String, Object> container(Map<String, Object> pod) {
        List<Object> containers = InfraYaml.list(pod.get("containers"), "containers");
        assertThat(containers).hasSize(1);
        return InfraYaml.map(containers.get(0), "container");
    }

    private static ServiceSettings settingsOf(Map<String, Object> container) {
        String module = JibImages.moduleOf(String.valueOf(container.get("image")), images);
        assertThat(module).as("module of " + container.get("image")).isNotNull();
        return ServiceSettings.of(module);
    }

    /** The container's environment: its env entries and every key of the ConfigMaps and Secrets it loads. */
    private static Map<String, String> environment(Map<String, Object> container) {
        Map<String, String> environment = new LinkedHashMap<>();
        Object envFrom = container.get("envFrom");
        for (Object source : envFrom == null ? List.of() : InfraYaml.list(envFrom, "envFrom")) {
            Map<String, Object> from = InfraYaml.map(source, "envFrom");
            String kind = from.containsKey("configMapRef") ? "ConfigMap" : "Secret";
            String name = String.valueOf(InfraYaml.at(from, (kind.equals("ConfigMap") ? "configMapRef" : "secretRef")
                    + ".name"));
            Map<String, Object> resource = resources.get(kind + "/" + name);
            assertThat(resource).as(kind + "/" + name + " loaded by a container").isNotNull();
            Object data = resource.getOrDefault("data", resource.get("stringData"));
            InfraYaml.map(data, name).forEach((key, value) -> environment.put(key, String.valueOf(value)));
        }
        Object env = container.get("env");
        for (Object entry : env == null ? List.of() : InfraYaml.list(env, "env")) {
            Map<String, Object> variable = InfraYaml.map(entry, "env");
            environment.put(String.valueOf(variable.get("name")), String.valueOf(variable.get("value")));
        }
        return environment;
    }

    private static int resolvePort(Map<String, Object> container, Object port) {
        if (port instanceof Number number) {
            return number.intValue();
        }
        return InfraYaml.list(container.get("ports"), "ports").stream().map(entry -> InfraYaml.map(entry, "port"))
                .filter(entry -> String.valueOf(port).equals(entry.get("name")))
                .map(entry -> ((Number) entry.get("containerPort")).intValue()).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port));
    }

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.list(K8S)) {
            return files.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                    .sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
