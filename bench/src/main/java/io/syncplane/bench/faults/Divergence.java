package io.syncplane.bench.faults;

/**
 * One way the copy in Postgres differs from Google's ground truth (or the ledger from what it should say).
 *
 * @param kind missing, extra, deleted_at_google_live_here, out_of_date, duplicate, stuck_syncing, not_idle,
 *             dead_lettered, revocation_not_seen
 */
record Divergence(String email, String source, String kind, String item, String detail) {

    @Override
    public String toString() {
        return email + " " + source + " " + kind + " " + item + (detail == null ? "" : " (" + detail + ")");
    }
}
