package io.syncplane.emulator.http;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Factories for the error bodies Google sends, shaped as in {@code shared/google-wire-facts.md}. Gmail, Tasks and the
 * generic errors carry {@code errors[]} and {@code status}; Calendar carries {@code errors[]} without {@code status};
 * People carries {@code status} and {@code details[]} without {@code errors[]}.
 */
public final class GoogleErrors {

    private static final String NOT_FOUND_MESSAGE = "Requested entity was not found.";

    private GoogleErrors() {
    }

    // ---- generic / Gmail / Tasks -------------------------------------------------------------------------------

    /** Gmail's answer for an unknown message and for a too old or invalid startHistoryId (forces a full sync). */
    public static GoogleError notFound() {
        return new GoogleError(404, NOT_FOUND_MESSAGE, List.of(ErrorItem.of("global", "notFound", NOT_FOUND_MESSAGE)),
                "NOT_FOUND");
    }

    /** Unknown path or a method the path does not support. */
    public static GoogleError methodNotFound(String method, String path) {
        String message = "Method not found: " + method + " /" + path;
        return new GoogleError(404, message, List.of(ErrorItem.of("global", "notFound", message)), "NOT_FOUND");
    }

    public static GoogleError invalidArgument(String message) {
        return new GoogleError(400, message, List.of(ErrorItem.of("global", "invalidArgument", message)),
                "INVALID_ARGUMENT");
    }

    /** A parameter value that does not parse as its type, phrased as Google phrases it. */
    public static GoogleError invalidValue(String wireName, String type, String value) {
        String message = "Invalid value at '" + wireName + "' (" + type + "), \"" + value + "\"";
        ErrorItem item = new ErrorItem("global", "invalid", message, wireName, "parameter");
        return new GoogleError(400, message, List.of(item), "INVALID_ARGUMENT");
    }

    /** A query parameter with a value of the wrong form, in the older APIs' phrasing. */
    public static GoogleError invalidParameter(String parameter, String value) {
        String message = "Invalid value for " + parameter + ": \"" + value + "\"";
        ErrorItem item = new ErrorItem("global", "invalid", message, parameter, "parameter");
        return new GoogleError(400, message, List.of(item), "INVALID_ARGUMENT");
    }

    public static GoogleError parseError(String detail) {
        String message = "Invalid JSON payload received. " + (detail == null ? "" : detail);
        return new GoogleError(400, message, List.of(ErrorItem.of("global", "parseError", message)),
                "INVALID_ARGUMENT");
    }

    public static GoogleError unauthenticated() {
        String message = "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie"
                + " or other valid authentication credential.";
        ErrorItem item = new ErrorItem("global", "authError", "Invalid Credentials", "Authorization", "header");
        return new GoogleError(401, message, List.of(item), "UNAUTHENTICATED", null,
                Map.of("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\""));
    }

    /** An explicit user id in the path that is not the token's user. */
    public static GoogleError delegationDenied(String userId) {
        String message = "Delegation denied for " + userId;
        return new GoogleError(403, message, List.of(ErrorItem.of("global", "forbidden", message)),
                "PERMISSION_DENIED");
    }

    /** A write with a token that lacks the method's write scope (e.g. a read-only token). */
    public static GoogleError insufficientScopes() {
        return new GoogleError(403, "Request had insufficient authentication scopes.",
                List.of(ErrorItem.of("global", "insufficientPermissions", "Insufficient Permission")),
                "PERMISSION_DENIED");
    }

    /**
     * A write whose {@code If-Match} etag is stale. Calendar's documented body; Tasks (whose behaviour here is
     * unconfirmed) gets the same item plus its {@code status}.
     */
    public static GoogleError conditionNotMet(boolean withStatus) {
        ErrorItem item = new ErrorItem("global", "conditionNotMet", "Precondition Failed", "If-Match", "header");
        return new GoogleError(412, "Precondition Failed", List.of(item), withStatus ? "FAILED_PRECONDITION" : null);
    }

    public static GoogleError gmailUserRateLimit(Instant retryAt) {
        String message = "User-rate limit exceeded.  Retry after " + Json.rfc3339(retryAt);
        return new GoogleError(403, message, List.of(ErrorItem.of("usageLimits", "rateLimitExceeded", message)),
                "PERMISSION_DENIED");
    }

    public static GoogleError tooManyConcurrentRequests() {
        String message = "Too many concurrent requests for user.";
        return new GoogleError(429, message, List.of(ErrorItem.of("global", "rateLimitExceeded", message)),
                "RESOURCE_EXHAUSTED");
    }

    /** Tasks' per-user limit: the older 403 shape. */
    public static GoogleError userRateLimitExceeded() {
        String message = "User Rate Limit Exceeded";
        return new GoogleError(403, message, List.of(ErrorItem.of("usageLimits", "userRateLimitExceeded", message)),
                "PERMISSION_DENIED");
    }

    /** The newer quota error shape: 429 RESOURCE_EXHAUSTED with an ErrorInfo RATE_LIMIT_EXCEEDED. */
    public static GoogleError resourceExhausted(String service, String metric, String limitName, long limitValue) {
        String message = "Quota exceeded for quota metric '" + metric + "' and limit '" + limitName + "' of service '"
                + service + "' for consumer 'project_number:000000000000'.";
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("quota_metric", service + "/" + metric);
        metadata.put("quota_limit", limitName);
        metadata.put("quota_limit_value", Long.toString(limitValue));
        metadata.put("consumer", "projects/000000000000");
        metadata.put("service", service);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
        info.put("reason", "RATE_LIMIT_EXCEEDED");
        info.put("domain", "googleapis.com");
        info.put("metadata", metadata);
        return new GoogleError(429, message, List.of(ErrorItem.of("global", "rateLimitExceeded", message)),
                "RESOURCE_EXHAUSTED", List.of(info), null);
    }

    public static GoogleError backendError() {
        return new GoogleError(500, "Backend Error", List.of(ErrorItem.of("global", "backendError", "Backend Error")),
                "INTERNAL");
    }

    public static GoogleError unavailable() {
        String message = "The service is currently unavailable.";
        return new GoogleError(503, message, List.of(ErrorItem.of("global", "backendError", message)), "UNAVAILABLE");
    }

    public static GoogleError payloadTooLarge() {
        String message = "Request payload size exceeds the limit.";
        return new GoogleError(413, message, List.of(ErrorItem.of("global", "uploadTooLarge", message)),
                "INVALID_ARGUMENT");
    }

    // ---- Calendar: errors[] but no status ---------------------------------------------------------------------

    public static GoogleError calendarFullSyncRequired() {
        String message = "Sync token is no longer valid, a full sync is required.";
        ErrorItem item = new ErrorItem("calendar", "fullSyncRequired", message, "syncToken", "parameter");
        return new GoogleError(410, message, List.of(item), null);
    }

    public static GoogleError calendarNotFound() {
        return new GoogleError(404, "Not Found", List.of(ErrorItem.of("global", "notFound", "Not Found")), null);
    }

    public static GoogleError calendarInvalid(String message, String parameter) {
        ErrorItem item = new ErrorItem("global", "invalid", message, parameter,
                parameter == null ? null : "parameter");
        return new GoogleError(400, message, List.of(item), null);
    }

    public static GoogleError calendarRequired(String field) {
        String message = "Required";
        return new GoogleError(400, message, List.of(new ErrorItem("global", "required", message, field, null)), null);
    }

    public static GoogleError calendarUserRateLimit() {
        String message = "User Rate Limit Exceeded";
        return new GoogleError(403, message, List.of(ErrorItem.of("usageLimits", "userRateLimitExceeded", message)),
                null);
    }

    /** events.insert with a client-supplied id the calendar already has (also a cancelled one). */
    public static GoogleError calendarDuplicate() {
        String message = "The requested identifier already exists.";
        return new GoogleError(409, message, List.of(ErrorItem.of("global", "duplicate", message)), null);
    }

    /** Deleting an event that is already deleted. */
    public static GoogleError calendarDeleted() {
        return new GoogleError(410, "Resource has been deleted",
                List.of(ErrorItem.of("global", "deleted", "Resource has been deleted")), null);
    }

    /** A write to a calendar the user may only read (reader, freeBusyReader). */
    public static GoogleError calendarRequiredAccessLevel() {
        String message = "You need to have writer access to this calendar.";
        return new GoogleError(403, message, List.of(ErrorItem.of("calendar", "requiredAccessLevel", message)), null);
    }

    public static GoogleError calendarChannelIdNotUnique(String id) {
        String message = "Channel id " + id + " not unique";
        return new GoogleError(400, message, List.of(ErrorItem.of("global", "channelIdNotUnique", message)), null);
    }

    public static GoogleError calendarChannelNotFound(String id) {
        String message = "Channel '" + id + "' not found for project '000000000000'";
        return new GoogleError(404, message, List.of(ErrorItem.of("global", "notFound", message)), null);
    }

    // ---- People: status and details, no errors[] ---------------------------------------------------------------

    public static GoogleError peopleExpiredSyncToken() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
        info.put("reason", "EXPIRED_SYNC_TOKEN");
        info.put("domain", "people.googleapis.com");
        return new GoogleError(400,
                "Sync token is expired. Clear local cache and retry call without the sync token.",
                null, "FAILED_PRECONDITION", List.of(info), null);
    }

    public static GoogleError peopleInvalidArgument(String message) {
        return new GoogleError(400, message, null, "INVALID_ARGUMENT", null, null);
    }

    /** updateContact with an etag that is not the contact's current one (People's 400, not a 412). */
    public static GoogleError peopleEtagMismatch() {
        return new GoogleError(400, "Request person.etag is different than the current person.etag. Clear local"
                + " cache and get the latest person.", null, "FAILED_PRECONDITION");
    }

    public static GoogleError peopleNotFound() {
        return new GoogleError(404, NOT_FOUND_MESSAGE, null, "NOT_FOUND");
    }
}
