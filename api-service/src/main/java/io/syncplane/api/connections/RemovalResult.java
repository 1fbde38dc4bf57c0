package io.syncplane.api.connections;

/**
 * What removing a connection did.
 *
 * @param revoked         Google no longer honours the grant
 * @param revocationError why the grant could not be revoked (retry the DELETE), else null
 * @param purged          synced rows and tokens were deleted
 * @param rowsDeleted     synced rows deleted by the purge
 */
public record RemovalResult(ConnectionView connection, boolean revoked, String revocationError, boolean purged,
                            long rowsDeleted) {
}
