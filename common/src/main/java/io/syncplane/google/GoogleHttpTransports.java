package io.syncplane.google;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;

/** The HTTP transport Syncplane talks to Google with. */
public final class GoogleHttpTransports {

    private GoogleHttpTransports() {
    }

    /**
     * Apache HttpClient with a large connection pool rather than the JDK transport: the JDK keeps at most five idle
     * connections per host, so many concurrent syncs against one Google endpoint keep opening new ones.
     */
    public static HttpTransport pooled() {
        return new ApacheHttpTransport(ApacheHttpTransport.newDefaultHttpClientBuilder()
                .setMaxConnTotal(256).setMaxConnPerRoute(128).build());
    }
}
