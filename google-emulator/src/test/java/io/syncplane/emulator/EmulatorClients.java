package io.syncplane.emulator;

import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.people.v1.PeopleService;
import com.google.api.services.tasks.Tasks;
import io.syncplane.emulator.oauth.OAuthCredentials;

import java.io.IOException;

/** The real Google clients, pointed at an emulator, authorised the way Syncplane does it: a stored refresh token. */
public final class EmulatorClients {

    public static final HttpTransport TRANSPORT = new NetHttpTransport();
    public static final JsonFactory JSON = GsonFactory.getDefaultInstance();
    private static final String APP = "syncplane-test";

    private final GoogleEmulator emulator;

    public EmulatorClients(GoogleEmulator emulator) {
        this.emulator = emulator;
    }

    /** A credential that refreshes against the emulator's token URL (and again after a 401). */
    public Credential credential(String email) {
        OAuthCredentials stored = emulator.admin().credentials(email);
        Credential credential = new Credential.Builder(BearerToken.authorizationHeaderAccessMethod())
                .setTransport(TRANSPORT)
                .setJsonFactory(JSON)
                .setTokenServerEncodedUrl(emulator.tokenUrl())
                .setClientAuthentication(new ClientParametersAuthentication(stored.clientId(), stored.clientSecret()))
                .build();
        credential.setRefreshToken(stored.refreshToken());
        return credential;
    }

    /** Sends a fixed bearer token (or none), never refreshing: for checking 401s. */
    public static HttpRequestInitializer bearer(String token) {
        return request -> {
            if (token != null) {
                request.getHeaders().setAuthorization("Bearer " + token);
            }
        };
    }

    /**
     * GETs a path the typed clients cannot express (a malformed parameter value), through the client library's own
     * transport and error parsing; returns the parsed error, or null on success.
     */
    public GoogleJsonResponseException getError(String email, String pathAndQuery) throws IOException {
        HttpRequest request = TRANSPORT.createRequestFactory(credential(email))
                .buildGetRequest(new GenericUrl(emulator.rootUrl() + pathAndQuery));
        request.setThrowExceptionOnExecuteError(false);
        HttpResponse response = request.execute();
        if (response.isSuccessStatusCode()) {
            response.disconnect();
            return null;
        }
        return GoogleJsonResponseException.from(JSON, response);
    }

    public Gmail gmail(String email) {
        return gmail(credential(email));
    }

    public Gmail gmail(HttpRequestInitializer auth) {
        return new Gmail.Builder(TRANSPORT, JSON, auth).setRootUrl(emulator.rootUrl()).setApplicationName(APP)
                .build();
    }

    public Calendar calendar(String email) {
        return calendar(credential(email));
    }

    public Calendar calendar(HttpRequestInitializer auth) {
        return new Calendar.Builder(TRANSPORT, JSON, auth).setRootUrl(emulator.rootUrl()).setApplicationName(APP)
                .build();
    }

    public PeopleService people(String email) {
        return people(credential(email));
    }

    public PeopleService people(HttpRequestInitializer auth) {
        return new PeopleService.Builder(TRANSPORT, JSON, auth).setRootUrl(emulator.rootUrl())
                .setApplicationName(APP).build();
    }

    public Tasks tasks(String email) {
        return tasks(credential(email));
    }

    public Tasks tasks(HttpRequestInitializer auth) {
        return new Tasks.Builder(TRANSPORT, JSON, auth).setRootUrl(emulator.rootUrl()).setApplicationName(APP)
                .build();
    }
}
