package io.syncplane.google;

import io.syncplane.connection.RefreshToken;
import java.io.IOException;

/** Trades a refresh token for a new access token at the OAuth token endpoint. */
public interface TokenRefresher {

    /**
     * @throws InvalidGrantException when the grant is gone (revoked, expired): the user must authorise again
     * @throws IOException           when the endpoint could not be reached or failed otherwise (retry later)
     */
    AccessToken refresh(GoogleProperties.OAuthClient client, RefreshToken refreshToken) throws IOException;
}
