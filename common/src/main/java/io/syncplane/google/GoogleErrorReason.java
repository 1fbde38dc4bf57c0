package io.syncplane.google;

import com.google.api.client.json.GenericJson;
import com.google.api.client.json.gson.GsonFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The labels of an error answer from Google: which API, and the reason it gave. */
public final class GoogleErrorReason {

    public static final String NONE = "none";
    /** Reasons are Google's identifiers; anything longer or stranger is not one and must not become a label. */
    private static final int MAX_REASON = 64;

    private GoogleErrorReason() {
    }

    /**
     * gmail, calendar, people, tasks or oauth2 (token, revocation, userinfo and anything else): by the path, since the
     * root URL may be the emulator's. Google's hosts: gmail.googleapis.com/gmail/v1, www.googleapis.com/calendar/v3,
     * people.googleapis.com/v1, tasks.googleapis.com/tasks/v1 (and /batch/&lt;api&gt;/... for batches).
     */
    public static String api(String url) {
        String path;
        String host;
        try {
            URI uri = URI.create(url);
            path = uri.getRawPath() == null ? "" : uri.getRawPath();
            host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "oauth2";
        }
        if (path.contains("/gmail/")) {
            return "gmail";
        }
        if (path.contains("/calendar/")) {
            return "calendar";
        }
        if (path.contains("/tasks/")) {
            return "tasks";
        }
        if (host.startsWith("people.") || path.startsWith("/v1/people") || path.startsWith("/v1/contactGroups")
                || path.startsWith("/v1/otherContacts") || path.contains("/batch/people")) {
            return "people";
        }
        return "oauth2";
    }

    /**
     * {@code error.errors[0].reason} of an API error, else the first {@code error.details[].reason} (People's newer
     * format), else the OAuth {@code error} string (e.g. invalid_grant); {@value #NONE} when there is none or the body
     * is not JSON.
     */
    public static String reason(byte[] body) {
        if (body == null || body.length == 0) {
            return NONE;
        }
        try {
            GenericJson json = GsonFactory.getDefaultInstance()
                    .fromString(new String(body, StandardCharsets.UTF_8), GenericJson.class);
            Object error = json.get("error");
            if (error instanceof String oauth) {
                return clean(oauth);
            }
            if (error instanceof Map<?, ?> api) {
                if (api.get("errors") instanceof List<?> errors && !errors.isEmpty()
                        && errors.get(0) instanceof Map<?, ?> first && first.get("reason") instanceof String r) {
                    return clean(r);
                }
                if (api.get("details") instanceof List<?> details) {
                    for (Object detail : details) {
                        if (detail instanceof Map<?, ?> d && d.get("reason") instanceof String r) {
                            return clean(r);
                        }
                    }
                }
            }
            return NONE;
        } catch (Exception notJson) {
            return NONE;
        }
    }

    private static String clean(String reason) {
        return reason.isEmpty() || reason.length() > MAX_REASON || !reason.matches("[A-Za-z0-9_.\\-]+") ? NONE
                : reason;
    }
}
