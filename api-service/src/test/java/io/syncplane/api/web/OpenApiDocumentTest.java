package io.syncplane.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ApiIntegrationTest;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The served OpenAPI document lists exactly the operations the service answers, with their success statuses. */
class OpenApiDocumentTest extends ApiIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void every_v1_and_webhook_operation_is_documented_and_nothing_else() {
        ApiClient.Response docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");

        Set<String> served = new HashSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> info.getPathPatternsCondition().getPatternValues()
                .stream().filter(p -> p.startsWith("/v1/") || p.startsWith("/webhooks/"))
                .forEach(path -> info.getMethodsCondition().getMethods()
                        .forEach(m -> served.add(m.name().toLowerCase(Locale.ROOT) + " " + path))));
        Set<String> documented = new HashSet<>();
        paths.properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> documented.add(operation.getKey() + " " + path.getKey())));

        assertThat(documented).isEqualTo(served);
    }

    @Test
    void documented_success_statuses_match_what_the_controllers_answer() {
        JsonNode paths = anonymous().get("/v3/api-docs").json().get("paths");
        assertThat(paths.get("/v1/users").get("post").get("responses").has("201")).isTrue();
        assertThat(paths.get("/v1/connections/{connectionId}/sources/{source}/sync").get("post")
                .get("responses").has("202")).isTrue();
        assertThat(paths.get("/v1/api-keys/{keyId}").get("delete").get("responses").has("204")).isTrue();
        assertThat(paths.get("/v1/users/{userId}/changes").get("post").get("responses").has("202")).isTrue();
        assertThat(docs().get("components").get("securitySchemes").has("apiKey")).isTrue();
    }

    @Test
    void swagger_ui_is_served() {
        ApiClient.Response ui = anonymous().get("/swagger-ui.html");
        assertThat(ui.status()).isIn(200, 302);
    }

    private JsonNode docs() {
        return anonymous().get("/v3/api-docs").json();
    }
}
