package io.syncplane.emulator.gmail;

import io.syncplane.emulator.http.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Gmail's JSON for messages and history records. 64-bit ids go out as strings, small counts as numbers. */
final class GmailRenderer {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder();

    private GmailRenderer() {
    }

    static ObjectNode reference(GmailMessage message) {
        ObjectNode node = Json.object();
        node.put("id", message.id());
        node.put("threadId", message.threadId());
        return node;
    }

    static ObjectNode message(GmailMessage message, MessageFormat format, List<String> metadataHeaders) {
        MessageText text = message.content().text();
        String raw = MimeFormat.raw(message, text);
        ObjectNode node = Json.object();
        node.put("id", message.id());
        node.put("threadId", message.threadId());
        node.set("labelIds", Json.strings(message.labelIds()));
        node.put("snippet", text.snippet());
        node.put("sizeEstimate", raw.getBytes(StandardCharsets.UTF_8).length);
        node.put("historyId", Long.toString(message.historyId()));
        node.put("internalDate", Long.toString(message.internalDate()));
        switch (format) {
            case MINIMAL -> { }
            case METADATA -> node.set("payload", metadataPayload(message, text, metadataHeaders));
            case FULL -> node.set("payload", fullPayload(message, text));
            case RAW -> node.put("raw", BASE64URL.encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
        }
        return node;
    }

    private static ObjectNode metadataPayload(GmailMessage message, MessageText text, List<String> wanted) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(wanted);
        ObjectNode payload = Json.object();
        payload.put("partId", "");
        payload.put("mimeType", "multipart/alternative");
        payload.put("filename", "");
        ArrayNode headers = payload.putArray("headers");
        for (Map.Entry<String, String> header : MimeFormat.headers(message, text)) {
            if (names.isEmpty() || names.contains(header.getKey())) {
                headers.addObject().put("name", header.getKey()).put("value", header.getValue());
            }
        }
        return payload;
    }

    private static ObjectNode fullPayload(GmailMessage message, MessageText text) {
        ObjectNode payload = metadataPayload(message, text, List.of());
        payload.putObject("body").put("size", 0);
        ArrayNode parts = payload.putArray("parts");
        parts.add(part("0", "text/plain", text.body()));
        parts.add(part("1", "text/html", MimeFormat.html(text)));
        return payload;
    }

    private static ObjectNode part(String partId, String mimeType, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        ObjectNode part = Json.object();
        part.put("partId", partId);
        part.put("mimeType", mimeType);
        part.put("filename", "");
        ArrayNode headers = part.putArray("headers");
        headers.addObject().put("name", "Content-Type").put("value", mimeType + "; charset=\"UTF-8\"");
        part.putObject("body").put("size", bytes.length).put("data", BASE64URL.encodeToString(bytes));
        return part;
    }

    /** One history record; {@code current} is the message as it is now, or null when it is gone. */
    static ObjectNode history(HistoryRecord record, GmailMessage current) {
        ObjectNode node = Json.object();
        node.put("id", Long.toString(record.id()));
        ObjectNode ref = Json.object();
        ref.put("id", record.messageId());
        ref.put("threadId", record.threadId());
        node.putArray("messages").add(ref.deepCopy());
        ObjectNode entry = node.putArray(record.kind().listField()).addObject();
        ObjectNode message = entry.putObject("message");
        message.put("id", record.messageId());
        message.put("threadId", record.threadId());
        switch (record.kind()) {
            case MESSAGE_ADDED -> message.set("labelIds", Json.strings(record.labelIds()));
            case MESSAGE_DELETED -> { }
            case LABEL_ADDED, LABEL_REMOVED -> {
                if (current != null) {
                    message.set("labelIds", Json.strings(current.labelIds()));
                }
                entry.set("labelIds", Json.strings(record.labelIds()));
            }
        }
        return node;
    }
}
