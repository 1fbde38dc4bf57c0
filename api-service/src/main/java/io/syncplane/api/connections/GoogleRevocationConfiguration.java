package io.syncplane.api.connections;

import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.UrlEncodedContent;
import java.io.IOException;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Revocation at Google's (or the emulator's) revoke endpoint, through the shared Google HTTP transport. */
@Configuration(proxyBeanMethods = false)
class GoogleRevocationConfiguration {

    @Bean
    GrantRevoker grantRevoker(HttpTransport googleHttpTransport,
                              @Value("${syncplane.api.oauth.revocation-url:${SYNCPLANE_GOOGLE_REVOKE_URL:https://oauth2.googleapis.com/revoke}}")
                              String revocationUrl) {
        return refreshToken -> {
            try {
                HttpResponse response = googleHttpTransport.createRequestFactory()
                        .buildPostRequest(new GenericUrl(revocationUrl),
                                new UrlEncodedContent(Map.of("token", refreshToken)))
                        .execute();
                response.disconnect();
                return true;
            } catch (HttpResponseException e) {
                if (e.getStatusCode() == 400) {
                    return true; // invalid_token: Google no longer knows the grant, which is what we wanted
                }
                throw new GrantRevoker.GrantRevocationException("Google answered " + e.getStatusCode()
                        + " to the revocation", e);
            } catch (IOException e) {
                throw new GrantRevoker.GrantRevocationException("could not reach " + revocationUrl + ": "
                        + e.getMessage(), e);
            }
        };
    }
}
