package io.syncplane.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Google's error bodies as google-wire-facts.md gives them, turned into the labels of syncplane_google_errors_total. */
class GoogleErrorReasonTest {

    @Test
    void theReasonOfAnApiErrorIsItsFirstErrorsReason() {
        assertThat(reason("{\"error\":{\"code\":403,\"message\":\"User-rate limit exceeded.\",\"errors\":[{\"message\":"
                + "\"x\",\"domain\":\"usageLimits\",\"reason\":\"rateLimitExceeded\"}],\"status\":\"PERMISSION_DENIED\"}}"))
                .isEqualTo("rateLimitExceeded");
        assertThat(reason("{\"error\":{\"errors\":[{\"domain\":\"calendar\",\"reason\":\"fullSyncRequired\"}],"
                + "\"code\":410}}")).isEqualTo("fullSyncRequired");
    }

    @Test
    void peoplesNewerErrorsCarryTheReasonInDetails() {
        assertThat(reason("{\"error\":{\"code\":400,\"message\":\"Sync token is expired.\",\"status\":"
                + "\"FAILED_PRECONDITION\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                + "\"reason\":\"EXPIRED_SYNC_TOKEN\",\"domain\":\"people.googleapis.com\"}]}}"))
                .isEqualTo("EXPIRED_SYNC_TOKEN");
    }

    @Test
    void oauthErrorsAreTheirErrorString() {
        assertThat(reason("{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}"))
                .isEqualTo("invalid_grant");
    }

    @Test
    void anythingElseIsNoneSoNoFreeTextBecomesALabel() {
        assertThat(reason("")).isEqualTo(GoogleErrorReason.NONE);
        assertThat(reason("<html>Bad Gateway</html>")).isEqualTo(GoogleErrorReason.NONE);
        assertThat(reason("{\"error\":\"some words with spaces\"}")).isEqualTo(GoogleErrorReason.NONE);
        assertThat(reason("{\"error\":{\"code\":500}}")).isEqualTo(GoogleErrorReason.NONE);
    }

    @Test
    void theApiIsTakenFromThePathSoTheEmulatorsUrlsCountAlike() {
        assertThat(GoogleErrorReason.api("https://gmail.googleapis.com/gmail/v1/users/me/history")).isEqualTo("gmail");
        assertThat(GoogleErrorReason.api("http://127.0.0.1:9/calendar/v3/calendars/primary/events"))
                .isEqualTo("calendar");
        assertThat(GoogleErrorReason.api("https://people.googleapis.com/v1/people/me/connections")).isEqualTo("people");
        assertThat(GoogleErrorReason.api("http://127.0.0.1:9/v1/people/me/connections")).isEqualTo("people");
        assertThat(GoogleErrorReason.api("https://tasks.googleapis.com/tasks/v1/users/@me/lists")).isEqualTo("tasks");
        assertThat(GoogleErrorReason.api("https://oauth2.googleapis.com/token")).isEqualTo("oauth2");
    }

    private static String reason(String body) {
        return GoogleErrorReason.reason(body.getBytes(StandardCharsets.UTF_8));
    }
}
