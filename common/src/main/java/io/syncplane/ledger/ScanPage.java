package io.syncplane.ledger;

import java.util.List;
import java.util.Optional;

/** One page of a scan, and where the next one starts when this page was full. */
public record ScanPage(List<SyncState> rows, Optional<ScanPosition> next) {

    public ScanPage {
        rows = List.copyOf(rows);
    }

    public boolean hasNext() {
        return next.isPresent();
    }
}
