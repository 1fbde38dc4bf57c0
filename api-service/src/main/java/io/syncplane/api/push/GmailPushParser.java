package io.syncplane.api.push;

import io.syncplane.api.web.ApiException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Pub/Sub push envelope carrying a Gmail notification:
 * {@code {"message":{"data":base64({"emailAddress","historyId"}),"messageId",...},"subscription"}}. Its own lenient
 * mapper, not the API's strict one: Pub/Sub adds fields (attributes, snake_case duplicates, deliveryAttempt) and may
 * add more, and an envelope we cannot fully describe is still a valid push. What we need must be there and well-formed,
 * else 400 — which Pub/Sub redelivers, but a body that is malformed once is malformed every time, and 400 is the
 * honest answer; a real Pub/Sub never sends one.
 */
public final class GmailPushParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public GmailNotification parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw malformed("a Pub/Sub push body is required");
        }
        JsonNode envelope = tree(body, "the body is not a JSON object");
        JsonNode message = envelope.get("message");
        if (message == null || !message.isObject()) {
            throw malformed("the body has no 'message' object");
        }
        JsonNode data = message.get("data");
        if (data == null || !data.isString() || data.asString().isEmpty()) {
            throw malformed("'message.data' must be a base64 string");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(data.asString());
        } catch (IllegalArgumentException e) {
            throw malformed("'message.data' is not valid base64");
        }
        JsonNode payload = tree(decoded, "'message.data' does not decode to a JSON object");
        return new GmailNotification(emailAddress(payload.get("emailAddress")), historyId(payload.get("historyId")),
                text(message.get("messageId"), message.get("message_id")));
    }

    private static String emailAddress(JsonNode node) {
        if (node == null || !node.isString() || !node.asString().contains("@") || node.asString().isBlank()) {
            throw malformed("the notification's 'emailAddress' must be an email address");
        }
        return node.asString().trim().toLowerCase(Locale.ROOT);
    }

    /** Documented as a string, sent as a number by real Gmail: both are accepted, as a positive 64-bit value. */
    private static BigInteger historyId(JsonNode node) {
        BigInteger value;
        if (node != null && node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else if (node != null && node.isString() && node.asString().matches("[0-9]{1,20}")) {
            value = new BigInteger(node.asString());
        } else {
            throw malformed("the notification's 'historyId' must be a whole number or a string of digits");
        }
        if (value.signum() <= 0 || value.bitLength() > 64) {
            throw malformed("the notification's 'historyId' is out of range");
        }
        return value;
    }

    private static String text(JsonNode first, JsonNode second) {
        JsonNode node = first != null && first.isString() ? first : second;
        return node != null && node.isString() ? node.asString() : null;
    }

    private static JsonNode tree(byte[] bytes, String problem) {
        try {
            JsonNode node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (node == null || node.isMissingNode() || !node.isObject()) {
                throw malformed(problem);
            }
            return node;
        } catch (JacksonException e) {
            throw malformed(problem);
        }
    }

    private static ApiException malformed(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "malformed-push", detail);
    }

    /**
     * One Gmail push.
     *
     * @param emailAddress the mailbox that changed, lower-cased as connections store it
     * @param historyId    the mailbox's history id after the change
     * @param messageId    Pub/Sub's message id (for logs: redeliveries repeat it), null when absent
     */
    public record GmailNotification(String emailAddress, BigInteger historyId, String messageId) {
    }
}
