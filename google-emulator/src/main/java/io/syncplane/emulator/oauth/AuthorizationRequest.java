package io.syncplane.emulator.oauth;

import java.util.Set;

/**
 * A validated request to the authorization endpoint.
 *
 * @param state         echoed back verbatim; null when the client sent none
 * @param codeChallenge null without PKCE
 * @param nonce         copied into the ID token (OpenID Connect); null when absent
 */
public record AuthorizationRequest(String clientId, String redirectUri, Scopes scopes, boolean offline,
                                   Set<String> prompt, String state, String loginHint, String codeChallenge,
                                   Pkce.Method challengeMethod, boolean includeGrantedScopes, String nonce) {

    public AuthorizationRequest {
        prompt = Set.copyOf(prompt);
    }

    public boolean silent() {
        return prompt.contains("none");
    }

    public boolean forcesConsent() {
        return prompt.contains("consent");
    }
}
