package io.syncplane.google;

import io.syncplane.connection.RefreshToken;
import io.syncplane.metrics.SyncplaneMetrics;
import io.syncplane.metrics.SyncplaneMetrics.RefreshOutcome;
import java.io.IOException;

/** Counts every refresh as {@code syncplane_token_refreshes_total{outcome}}: refreshed, invalid_grant or failed. */
public final class MeteredTokenRefresher implements TokenRefresher {

    private final TokenRefresher delegate;
    private final SyncplaneMetrics metrics;

    public MeteredTokenRefresher(TokenRefresher delegate, SyncplaneMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public AccessToken refresh(GoogleProperties.OAuthClient client, RefreshToken refreshToken) throws IOException {
        try {
            AccessToken token = delegate.refresh(client, refreshToken);
            metrics.tokenRefresh(RefreshOutcome.REFRESHED);
            return token;
        } catch (InvalidGrantException e) {
            metrics.tokenRefresh(RefreshOutcome.INVALID_GRANT);
            throw e;
        } catch (IOException | RuntimeException e) {
            metrics.tokenRefresh(RefreshOutcome.FAILED);
            throw e;
        }
    }
}
