package io.syncplane.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The emulator's admin HTTP API, as the fault suite uses it: faults, quotas, cursors, grants, activity, truth. */
final class EmulatorClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    EmulatorClient(String rootUrl) {
        this.admin = rootUrl + "admin";
    }

    static String email(int index) {
        return String.format("user%05d@example.test", index);
    }

    boolean answers() {
        try {
            return send(HttpRequest.newBuilder(URI.create(admin)).GET()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    JsonNode credentials(String email) throws IOException {
        return get("/users/" + encode(email) + "/credentials");
    }

    JsonNode groundTruth(String email) throws IOException {
        return get("/users/" + encode(email) + "/state");
    }

    JsonNode quotas() throws IOException {
        return get("/quotas");
    }

    void quotas(JsonNode settings) throws IOException {
        put("/quotas", settings.toString());
    }

    void faults(String planJson) throws IOException {
        put("/faults", planJson);
    }

    void clearFaults() throws IOException {
        expect(send(HttpRequest.newBuilder(URI.create(admin + "/faults")).DELETE()), "DELETE /faults");
    }

    void activityRate(double perSecond) throws IOException {
        put("/activity", "{\"rate\":" + perSecond + "}");
    }

    void expireCursors(String email) throws IOException {
        post("/users/" + encode(email) + "/expire-cursors");
    }

    void revokeGrants(String email) throws IOException {
        post("/users/" + encode(email) + "/revoke");
    }

    private JsonNode get(String path) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(admin + path)).GET());
        expect(response, "GET " + path);
        return JSON.readTree(response.body());
    }

    private void put(String path, String body) throws IOException {
        expect(send(HttpRequest.newBuilder(URI.create(admin + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))), "PUT " + path);
    }

    private void post(String path) throws IOException {
        expect(send(HttpRequest.newBuilder(URI.create(admin + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), "POST " + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> response, String what) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String encode(String email) {
        return URLEncoder.encode(email, StandardCharsets.UTF_8);
    }
}
