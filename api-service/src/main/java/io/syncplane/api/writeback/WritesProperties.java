package io.syncplane.api.writeback;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code syncplane.api.writes.*}: the API's limits on write-back.
 *
 * @param maxOperations      the most operations one upload may carry
 * @param maxDeleteShare     a batch whose deletes (with those still waiting in the outbox) exceed this share of a
 *                           source's items is refused unless forced: the safety valve of the read side, for writes
 * @param minDeletesChecked  deletes up to this many per source always pass, so small accounts can delete at all
 */
@ConfigurationProperties("syncplane.api.writes")
public record WritesProperties(Integer maxOperations, Double maxDeleteShare, Integer minDeletesChecked) {

    public WritesProperties {
        maxOperations = maxOperations == null ? 500 : maxOperations;
        maxDeleteShare = maxDeleteShare == null ? 0.25 : maxDeleteShare;
        minDeletesChecked = minDeletesChecked == null ? 10 : minDeletesChecked;
        if (maxOperations < 1) {
            throw new IllegalArgumentException("syncplane.api.writes.max-operations must be at least 1: "
                    + maxOperations);
        }
        if (!(maxDeleteShare > 0 && maxDeleteShare <= 1)) {
            throw new IllegalArgumentException("syncplane.api.writes.max-delete-share must be above 0 and at most 1: "
                    + maxDeleteShare);
        }
        if (minDeletesChecked < 0) {
            throw new IllegalArgumentException("syncplane.api.writes.min-deletes-checked must not be negative: "
                    + minDeletesChecked);
        }
    }
}
