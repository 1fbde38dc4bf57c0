package io.syncplane.api.oauth;

/** The facts an ID token proved: Google's stable id of the account and its verified address. */
public record VerifiedIdToken(String subject, String email) {
}
