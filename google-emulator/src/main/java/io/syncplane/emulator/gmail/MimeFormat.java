package io.syncplane.emulator.gmail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The RFC 822 view of a message: its headers and its raw text, from which payloads and sizes are derived. */
final class MimeFormat {

    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private MimeFormat() {
    }

    static String boundary(GmailMessage message) {
        return "000000000000" + message.id();
    }

    static List<Map.Entry<String, String>> headers(GmailMessage message, MessageText text) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(8);
        headers.add(Map.entry("MIME-Version", "1.0"));
        headers.add(Map.entry("Date", DATE.format(Instant.ofEpochMilli(message.internalDate()))));
        headers.add(Map.entry("Message-ID", "<" + message.id() + "@mail.example.test>"));
        headers.add(Map.entry("Subject", text.subject()));
        headers.add(Map.entry("From", text.from()));
        headers.add(Map.entry("To", text.to()));
        headers.add(Map.entry("Content-Type", "multipart/alternative; boundary=\"" + boundary(message) + "\""));
        return headers;
    }

    static String html(MessageText text) {
        return "<div dir=\"ltr\">" + text.body().replace("&", "&amp;").replace("<", "&lt;")
                .replace("\n", "<br>") + "</div>";
    }

    static String raw(GmailMessage message, MessageText text) {
        StringBuilder out = new StringBuilder(512);
        for (Map.Entry<String, String> header : headers(message, text)) {
            out.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        String boundary = boundary(message);
        out.append("\r\n--").append(boundary).append("\r\n")
                .append("Content-Type: text/plain; charset=\"UTF-8\"\r\n\r\n")
                .append(text.body().replace("\n", "\r\n")).append("\r\n")
                .append("--").append(boundary).append("\r\n")
                .append("Content-Type: text/html; charset=\"UTF-8\"\r\n\r\n")
                .append(html(text)).append("\r\n")
                .append("--").append(boundary).append("--\r\n");
        return out.toString();
    }

    static int size(GmailMessage message, MessageText text) {
        return raw(message, text).getBytes(StandardCharsets.UTF_8).length;
    }
}
