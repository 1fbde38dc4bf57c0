package io.syncplane.api.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** One operation of a {@code POST /v1/users/{id}/changes} body, as an application writes it, built fluently. */
public final class ChangeOperation extends LinkedHashMap<String, Object> {

    private ChangeOperation() {
    }

    /** {@code id} and {@code baseVersion} are left out of the JSON when null (a create has neither). */
    public static ChangeOperation of(long connectionId, String source, String kind, String id, Long baseVersion,
                                     Map<String, Object> fields, String idempotencyKey) {
        ChangeOperation op = new ChangeOperation();
        op.put("source", source);
        op.put("connectionId", connectionId);
        op.put("op", kind);
        if (id != null) {
            op.put("id", id);
        }
        if (baseVersion != null) {
            op.put("baseVersion", baseVersion);
        }
        op.put("fields", fields);
        op.put("idempotencyKey", idempotencyKey);
        return op;
    }

    public ChangeOperation with(String key, Object value) {
        put(key, value);
        return this;
    }
}
