package io.syncplane.api.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.syncplane.feed.Change;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change as the feed's JSON shows it.
 *
 * @param version      advances with every write of the row; what a write-back names as its base version
 * @param fields       only when the item has application-owned fields: Google's fields ({@code data.raw}) and the
 *                     application's ({@code data.appData}) merged into one object
 * @param fieldOrigins which of {@code fields} came from where: {@code google} or {@code application}
 */
public record ChangeView(String source, long connectionId, String id, String op, long version, Instant changedAt,
                         Map<String, Object> data,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> fields,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> fieldOrigins) {

    static final String GOOGLE = "google";
    static final String APPLICATION = "application";

    static ChangeView of(Change change) {
        Map<String, Object> fields = null;
        Map<String, String> origins = null;
        if (change.data().get("appData") instanceof Map<?, ?> app && !app.isEmpty()) {
            // The API refuses application fields named like a Google field, so the two never collide here; the
            // merged copy is built only for items that have application fields, so plain items cost nothing extra.
            fields = new LinkedHashMap<>();
            origins = new LinkedHashMap<>();
            if (change.data().get("raw") instanceof Map<?, ?> raw) {
                for (Map.Entry<?, ?> field : raw.entrySet()) {
                    fields.put(String.valueOf(field.getKey()), field.getValue());
                    origins.put(String.valueOf(field.getKey()), GOOGLE);
                }
            }
            for (Map.Entry<?, ?> field : app.entrySet()) {
                fields.put(String.valueOf(field.getKey()), field.getValue());
                origins.put(String.valueOf(field.getKey()), APPLICATION);
            }
        }
        return new ChangeView(change.source().id(), change.connectionId(), change.id(), change.op().id(),
                change.version(), change.changedAt(), change.data(), fields, origins);
    }
}
