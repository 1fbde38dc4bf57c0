package io.syncplane.api.writeback;

import java.util.List;

/** The answer to an upload: one entry per operation, in request order. */
public record UploadResult(List<Accepted> operations) {

    /**
     * @param duplicate the idempotency key was known: this is the operation first recorded under it
     * @param status    where to follow it
     */
    public record Accepted(int index, long operationId, String idempotencyKey, String state, boolean duplicate,
                           String status) {
    }
}
