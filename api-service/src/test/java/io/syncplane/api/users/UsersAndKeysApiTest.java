package io.syncplane.api.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ApiIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UsersAndKeysApiTest extends ApiIntegrationTest {

    @Test
    void creating_a_user_twice_answers_201_then_200_with_the_same_user() {
        String external = unique("user");
        ApiClient.Response first = operator().post("/v1/users", Map.of("externalId", external));
        ApiClient.Response second = operator().post("/v1/users", Map.of("externalId", external));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(first.json().get("externalId").asString()).isEqualTo(external);
    }

    @Test
    void every_v1_call_needs_a_valid_key() {
        ApiClient.Response missing = anonymous().get("/v1/stats");
        ApiClient.Response wrong = anonymous().withKey("not-a-key").get("/v1/stats");
        ApiClient.Response malformed = anonymous().send("GET", "/v1/stats", Map.of("Authorization", "Basic abc"), null);

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.isProblem()).isTrue();
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(malformed.status()).isEqualTo(401);
    }

    @Test
    void a_user_key_sees_its_user_only_and_another_user_is_not_found() {
        long alice = createUser();
        long bob = createUser();
        ApiClient.Response issued = operator().post("/v1/api-keys", Map.of("userId", alice));
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.json().get("scope").asString()).isEqualTo("user:" + alice);
        ApiClient aliceClient = operator().withKey(issued.json().get("key").asString());

        assertThat(aliceClient.get("/v1/users/" + alice).status()).isEqualTo(200);
        assertThat(aliceClient.get("/v1/users/" + bob).status()).isEqualTo(404);
        assertThat(aliceClient.get("/v1/users/" + bob + "/state").status()).isEqualTo(404);
        assertThat(aliceClient.get("/v1/users/" + bob + "/connections").status()).isEqualTo(404);
        assertThat(aliceClient.post("/v1/users", Map.of("externalId", unique("x"))).status()).isEqualTo(403);
        assertThat(aliceClient.post("/v1/api-keys", Map.of()).status()).isEqualTo(403);
        assertThat(aliceClient.get("/v1/stats").status()).isEqualTo(403);
    }

    @Test
    void an_operator_key_can_be_issued_used_and_revoked() {
        ApiClient.Response issued = operator().post("/v1/api-keys", Map.of());
        JsonNode key = issued.json();
        assertThat(key.get("scope").asString()).isEqualTo("operator");
        ApiClient other = operator().withKey(key.get("key").asString());
        assertThat(other.get("/v1/stats").status()).isEqualTo(200);

        assertThat(operator().delete("/v1/api-keys/" + key.get("id").asLong()).status()).isEqualTo(204);

        assertThat(other.get("/v1/stats").status()).isEqualTo(401);
        assertThat(operator().delete("/v1/api-keys/" + key.get("id").asLong()).status()).isEqualTo(404);
    }

    @Test
    void a_key_for_an_unknown_user_is_refused() {
        ApiClient.Response response = operator().post("/v1/api-keys", Map.of("userId", 987654321));
        assertThat(response.status()).isEqualTo(404);
    }

    private long createUser() {
        return operator().post("/v1/users", Map.of("externalId", unique("user"))).json().get("id").asLong();
    }
}
