package io.syncplane.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.support.ApiClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/** What the end-to-end tests share: starting both services side by side, linking over OAuth, reading the feed. */
final class E2eSupport {

    static final String APP_REDIRECT = "http://app.example.test/linked";
    static final Duration SYNC_TIMEOUT = Duration.ofSeconds(120);

    private E2eSupport() {
    }

    /** The browser's part: Syncplane → Google's consent (the emulator consents) → Syncplane's callback → the app. */
    static long linkThroughOAuth(ApiClient client, long userId, String email) {
        ApiClient.Response authorize = client.get("/v1/users/" + userId
                + "/connections/google/authorize?redirectUri=" + APP_REDIRECT + "&loginHint=" + email);
        assertThat(authorize.status()).as(authorize.body()).isEqualTo(302);
        ApiClient browserAtGoogle = new ApiClient(origin(authorize.location()), null);
        ApiClient.Response google = browserAtGoogle.get(relative(authorize.location(), origin(authorize.location())));
        assertThat(google.status()).as(google.body()).isEqualTo(302);
        ApiClient.Response callback = client.withKey(null).get(relative(google.location(), origin(google.location())));
        assertThat(callback.status()).as(callback.body()).isEqualTo(302);
        assertThat(callback.location()).startsWith(APP_REDIRECT);
        Map<String, List<String>> query = UriComponentsBuilder.fromUriString(callback.location()).build().getQueryParams();
        assertThat(query).containsKey("connectionId").doesNotContainKey("error");
        return Long.parseLong(query.get("connectionId").get(0));
    }

    /** Waits until every source of the user is idle with a success later than the one given for it. */
    static Map<String, Instant> awaitSyncedAfter(ApiClient client, long userId, Map<String, Instant> before)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(SYNC_TIMEOUT);
        while (true) {
            JsonNode state = client.get("/v1/users/" + userId + "/state").json();
            Map<String, Instant> successes = new HashMap<>();
            boolean allDone = true;
            for (JsonNode source : state.get("connections").get(0).get("sources")) {
                String id = source.get("source").asString();
                JsonNode success = source.get("lastSuccessfulSyncAt");
                Instant at = success == null || success.isNull() ? null : Instant.parse(success.asString());
                boolean done = "idle".equals(source.get("status").asString()) && at != null
                        && (!before.containsKey(id) || at.isAfter(before.get(id)));
                allDone &= done;
                successes.put(id, at);
            }
            if (allDone) {
                return successes;
            }
            assertThat(Instant.now()).as("sources synced in time: " + state).isBefore(deadline);
            Thread.sleep(250);
        }
    }

    static Feed readAll(ApiClient client, long userId, String since) {
        List<JsonNode> changes = new ArrayList<>();
        String cursor = since;
        while (true) {
            ApiClient.Response page = client.get("/v1/users/" + userId + "/changes?limit=100"
                    + (cursor == null ? "" : "&since=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("changes").forEach(changes::add);
            cursor = page.json().get("next").asString();
            if (!page.json().get("hasMore").asBoolean()) {
                return new Feed(changes, cursor);
            }
        }
    }

    record Feed(List<JsonNode> changes, String next) {

        List<String> live(String source) {
            return ids(c -> c.get("source").asString().equals(source) && c.get("op").asString().equals("upsert"));
        }

        List<String> ids(Predicate<JsonNode> which) {
            return changes.stream().filter(which).map(c -> c.get("id").asString()).toList();
        }

        Set<String> keys() {
            Set<String> keys = new HashSet<>();
            List<String> all = changes.stream().map(c -> c.get("source").asString() + " " + c.get("op").asString()
                    + " " + c.get("id").asString()).toList();
            keys.addAll(all);
            assertThat(all).as("each change once").doesNotHaveDuplicates();
            return keys;
        }

        JsonNode find(String source, String id) {
            return changes.stream().filter(c -> c.get("source").asString().equals(source)
                    && c.get("id").asString().equals(id)).findFirst().orElseThrow();
        }
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static String relative(String url, String origin) {
        return url.substring(origin.length());
    }
}
