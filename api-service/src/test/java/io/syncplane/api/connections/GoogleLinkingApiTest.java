package io.syncplane.api.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ApiIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OAuth endpoints' refusals; the whole flow against the emulator is in the end-to-end test. */
class GoogleLinkingApiTest extends ApiIntegrationTest {

    @Test
    void a_callback_whose_state_does_not_verify_is_400_and_redirects_nowhere() {
        ApiClient.Response forged = anonymous().get("/v1/oauth/google/callback?code=abc&state=forged");
        ApiClient.Response missing = anonymous().get("/v1/oauth/google/callback?code=abc");

        assertThat(forged.status()).as(forged.body()).isEqualTo(400);
        assertThat(forged.location()).isNull();
        assertThat(forged.isProblem()).isTrue();
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void authorize_needs_a_key_a_visible_user_and_a_redirect_uri() {
        long user = operator().post("/v1/users", Map.of("externalId", unique("oauth"))).json().get("id").asLong();
        String path = "/v1/users/" + user + "/connections/google/authorize";

        assertThat(anonymous().get(path + "?redirectUri=https://app.example.test/x").status()).isEqualTo(401);
        assertThat(operator().get("/v1/users/99999999/connections/google/authorize?redirectUri=https://a.test/")
                .status()).isEqualTo(404);
        assertThat(operator().get(path).status()).isEqualTo(400);
        // this context has no OAuth client configured: linking through OAuth is off, and says so
        ApiClient.Response off = operator().get(path + "?redirectUri=https://app.example.test/x");
        assertThat(off.status()).as(off.body()).isEqualTo(503);
        assertThat(off.json().get("type").asString()).endsWith("/oauth-not-configured");
    }
}
