package io.syncplane.api.writeback;

import java.util.List;

/**
 * The body of {@code POST /v1/users/{userId}/changes}.
 *
 * @param force send a batch even if it deletes more than the configured share of a source's items
 */
public record UploadRequest(List<OperationRequest> operations, Boolean force) {

    boolean isForced() {
        return Boolean.TRUE.equals(force);
    }
}
