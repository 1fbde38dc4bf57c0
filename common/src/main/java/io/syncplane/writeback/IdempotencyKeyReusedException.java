package io.syncplane.writeback;

/** An idempotency key came back with a different operation than the one first recorded under it. */
public final class IdempotencyKeyReusedException extends RuntimeException {

    private final long operationId;

    public IdempotencyKeyReusedException(String key, long operationId) {
        super("idempotency key '" + key + "' was already used for a different operation (" + operationId + ")");
        this.operationId = operationId;
    }

    public long operationId() {
        return operationId;
    }
}
