package io.syncplane.emulator.http;

/**
 * One API call as the emulator sees it, independent of Jetty so that the parts of a batch request go through the
 * same pipeline as plain requests.
 *
 * @param method      effective method (after {@code X-HTTP-Method-Override})
 * @param path        decoded path without the leading slash, e.g. {@code gmail/v1/users/me/history}
 * @param body        request body, already un-gzipped; empty when there is none
 * @param ifMatch     the {@code If-Match} header (an etag the write is conditional on), or null
 */
public record ApiRequest(String method, String path, Params params, String authorization, String contentType,
                         byte[] body, String ifMatch) {

    private static final byte[] NO_BODY = new byte[0];

    public ApiRequest {
        body = body == null ? NO_BODY : body;
        params = params == null ? Params.empty() : params;
        ifMatch = ifMatch == null || ifMatch.isBlank() ? null : ifMatch.trim();
    }

    public ApiRequest(String method, String path, Params params, String authorization, String contentType,
                      byte[] body) {
        this(method, path, params, authorization, contentType, body, null);
    }

    public boolean hasBody() {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return true;
            }
        }
        return false;
    }
}
