package io.syncplane.connector.gmail;

import io.syncplane.connector.SkippedItems;
import io.syncplane.connector.MalformedItemException;
import io.syncplane.connector.StorableJson;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePartHeader;
import io.syncplane.store.SyncedItem;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a Gmail message (format=metadata) into a row of {@code gmail_message}: typed columns plus its raw JSON. */
final class GmailMessageMapper {

    static final List<String> METADATA_HEADERS = List.of("From", "To", "Subject", "Date");

    private static final JsonFactory JSON = GsonFactory.getDefaultInstance();

    private GmailMessageMapper() {
    }

    static SyncedItem toItem(Message message) throws MalformedItemException {
        String id = message.getId();
        if (id == null || id.isBlank()) {
            throw new MalformedItemException(null, "no id");
        }
        String raw = rawJson(message);
        if (StorableJson.containsNul(raw)) {
            throw new MalformedItemException(id, StorableJson.NUL_REASON);
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("thread_id", message.getThreadId());
        columns.put("history_id", message.getHistoryId() == null ? null : message.getHistoryId().toString());
        columns.put("internal_date", message.getInternalDate() == null ? null
                : Instant.ofEpochMilli(message.getInternalDate()));
        columns.put("from_header", header(message, "From"));
        columns.put("to_header", header(message, "To"));
        columns.put("subject", header(message, "Subject"));
        columns.put("label_ids", message.getLabelIds() == null ? List.of() : List.copyOf(message.getLabelIds()));
        columns.put("snippet", message.getSnippet());
        columns.put("size_estimate", message.getSizeEstimate());
        return SyncedItem.live(List.of(id), columns, raw);
    }

    static SyncedItem deleted(String messageId) {
        return SyncedItem.deletedKey(List.of(messageId));
    }

    /**
     * The rows for what a fetch returned: the messages that map, tombstones for the ones Gmail no longer has, and
     * for a malformed one (recorded in {@code skipped}) only that it exists, so a full sync keeps its stored copy.
     */
    static List<SyncedItem> toItems(GmailMetadataFetcher.Fetched fetched, SkippedItems skipped) {
        List<SyncedItem> items = new ArrayList<>(fetched.messages().size() + fetched.gone().size());
        for (Message message : fetched.messages()) {
            try {
                items.add(toItem(message));
            } catch (MalformedItemException e) {
                skipped.record(e);
                if (message.getId() != null && !message.getId().isBlank()) {
                    items.add(SyncedItem.unreadable(List.of(message.getId())));
                }
            }
        }
        fetched.gone().forEach(id -> items.add(deleted(id)));
        return items;
    }

    private static String rawJson(Message message) throws MalformedItemException {
        try {
            return JSON.toString(message);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedItemException(message.getId(), "cannot be written as JSON: " + e.getMessage());
        }
    }

    /** The first header of that name; header names are case-insensitive (RFC 5322). */
    private static String header(Message message, String name) {
        if (message.getPayload() == null || message.getPayload().getHeaders() == null) {
            return null;
        }
        for (MessagePartHeader header : message.getPayload().getHeaders()) {
            if (name.equalsIgnoreCase(header.getName())) {
                return header.getValue();
            }
        }
        return null;
    }
}
