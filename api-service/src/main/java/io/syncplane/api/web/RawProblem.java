package io.syncplane.api.web;

import java.nio.charset.StandardCharsets;

/**
 * A problem+json body for the places outside Spring MVC (servlet filters, Tomcat's error valve) where no message
 * converter is at hand. The values are our own constant texts, so plain escaping of quotes and backslashes suffices.
 */
final class RawProblem {

    private RawProblem() {
    }

    static byte[] body(int status, String type, String title, String detail) {
        return ("{\"type\":\"" + ApiException.TYPE_BASE + type + "\",\"title\":\"" + escape(title) + "\",\"status\":"
                + status + ",\"detail\":\"" + escape(detail) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
