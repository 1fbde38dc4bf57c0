package io.syncplane.connector.contacts;

import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.syncplane.connector.ConnectorHarness;
import io.syncplane.emulator.oauth.OAuthCredentials;
import io.syncplane.google.GoogleClients;
import io.syncplane.google.GoogleProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.protocol.HttpCoreContext;

/**
 * Real Google clients for a harness, on an HTTP stack that lets a test alter one answer on its way from the emulator:
 * for what Google does and the emulator never does (a Retry-After header, a malformed item in a page). Everything
 * else, the request, the emulator's answer, the client's parsing, stays real.
 */
public final class AlteredAnswers {

    private AlteredAnswers() {
    }

    /** Clients whose responses pass through {@code interceptor} (after decompression) before the client parses them. */
    public static GoogleClients clients(ConnectorHarness harness, HttpResponseInterceptor interceptor) {
        OAuthCredentials any = harness.emulator.admin().credentials(harness.emulator.admin().email(1));
        GoogleProperties properties = new GoogleProperties(harness.emulator.rootUrl(), harness.emulator.tokenUrl(),
                List.of(new GoogleProperties.OAuthClient(any.clientId(), any.clientSecret())),
                Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(5));
        ApacheHttpTransport transport = new ApacheHttpTransport(ApacheHttpTransport.newDefaultHttpClientBuilder()
                .addInterceptorLast(interceptor).build());
        return new GoogleClients(transport, GsonFactory.getDefaultInstance(), harness.tokens, properties);
    }

    /** Adds a header to every answer with {@code status} on a path containing {@code pathPart}. */
    public static HttpResponseInterceptor header(String pathPart, int status, String name, String value) {
        return (response, context) -> {
            if (response.getStatusLine().getStatusCode() == status && path(context).contains(pathPart)) {
                response.addHeader(name, value);
            }
        };
    }

    /** Edits the JSON body of the first successful answer on a path containing {@code pathPart}, once. */
    public static HttpResponseInterceptor firstBody(String pathPart, Consumer<JsonObject> edit) {
        AtomicBoolean done = new AtomicBoolean();
        return (response, context) -> {
            if (response.getStatusLine().getStatusCode() != 200 || !path(context).contains(pathPart)
                    || done.get()) {
                return;
            }
            JsonObject body;
            try (InputStream in = response.getEntity().getContent()) {
                body = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .getAsJsonObject();
            }
            edit.accept(body);
            done.set(true);
            response.removeHeaders("Content-Encoding");
            response.removeHeaders("Content-Length");
            response.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
        };
    }

    private static String path(org.apache.http.protocol.HttpContext context) throws IOException {
        return HttpCoreContext.adapt(context).getRequest().getRequestLine().getUri();
    }
}
