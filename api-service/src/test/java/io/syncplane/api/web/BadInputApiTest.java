package io.syncplane.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ApiIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of bad request gets its own 4xx with a problem+json body that names the problem. */
class BadInputApiTest extends ApiIntegrationTest {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Test
    void malformed_json_is_400() {
        ApiClient.Response response = operator().send("POST", "/v1/users", JSON, "{\"externalId\": ");
        assertProblem(response, 400);
        assertThat(response.json().get("detail").asString()).contains("malformed JSON");
    }

    @Test
    void an_unknown_field_is_400_naming_it() {
        ApiClient.Response response = operator().send("POST", "/v1/users", JSON,
                "{\"externalId\": \"x\", \"name\": \"y\"}");
        assertProblem(response, 400);
        assertThat(response.json().get("parameter").asString()).isEqualTo("name");
    }

    @Test
    void a_wrong_type_is_400_naming_the_field() {
        ApiClient.Response response = operator().send("POST", "/v1/users", JSON, "{\"externalId\": [1]}");
        assertProblem(response, 400);
        assertThat(response.json().get("parameter").asString()).isEqualTo("externalId");

        ApiClient.Response full = operator().send("POST", "/v1/connections/1/sources/gmail/sync", JSON,
                "{\"full\": \"yes\"}");
        assertProblem(full, 400);
        assertThat(full.json().get("parameter").asString()).isEqualTo("full");
    }

    @Test
    void a_missing_or_blank_required_field_is_400_naming_it() {
        ApiClient.Response response = operator().send("POST", "/v1/users", JSON, "{\"externalId\": \"  \"}");
        assertProblem(response, 400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("externalId");
        assertProblem(operator().send("POST", "/v1/users", JSON, ""), 400);
    }

    @Test
    void a_path_id_that_is_not_a_number_is_400_naming_it() {
        ApiClient.Response response = operator().get("/v1/users/abc");
        assertProblem(response, 400);
        assertThat(response.json().get("parameter").asString()).isEqualTo("userId");
    }

    @Test
    void an_unknown_path_is_404_and_a_wrong_method_405_and_a_wrong_content_type_415() {
        assertProblem(operator().get("/v1/nothing-here"), 404);
        assertProblem(operator().send("PUT", "/v1/users", JSON, "{}"), 405);
        assertProblem(operator().send("POST", "/v1/users", Map.of("Content-Type", "text/plain"), "x"), 415);
    }

    @Test
    void an_oversized_body_is_refused_before_it_is_read() {
        String huge = "{\"externalId\": \"" + "x".repeat(70_000) + "\"}";
        ApiClient.Response response = operator().send("POST", "/v1/users", JSON, huge);
        assertProblem(response, 413);
    }

    @Test
    void a_limit_out_of_range_is_400() {
        assertProblem(operator().get("/v1/dead-letters?limit=100000"), 400);
        assertProblem(operator().get("/v1/dead-letters?offset=-1"), 400);
    }

    private static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.contentType()).isTrue();
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }
}
