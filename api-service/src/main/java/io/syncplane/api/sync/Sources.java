package io.syncplane.api.sync;

import io.syncplane.api.web.ApiException;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import java.util.Arrays;

/** Path segments naming a source: an unknown one is a resource that does not exist, so 404. */
public final class Sources {

    private Sources() {
    }

    public static Source fromPath(String id) {
        return Source.fromId(id).orElseThrow(() -> ApiException.notFound("source '" + id + "' (known: "
                + Arrays.stream(Source.values()).map(Source::id).toList() + ")"));
    }

    public static SyncKey key(long connectionId, String source) {
        if (connectionId <= 0) {
            throw ApiException.notFound("connection " + connectionId);
        }
        return new SyncKey(connectionId, fromPath(source));
    }
}
