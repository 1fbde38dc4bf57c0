package io.syncplane.writeback;

import io.syncplane.domain.Source;
import io.syncplane.sync.SyncJob;
import io.syncplane.sync.SyncSession;

/**
 * A connector whose runs first send the source's outbound operations ({@link OutboundDrain}), under the same lease
 * and with the same outcome handling: what the drain throws ends the run as the connector's own errors would. Sending
 * first means the sync that follows already reads Google's answers back, as echoes.
 */
public final class OutboundThenSync implements SyncJob {

    private final OutboundDrain drain;
    private final SyncJob sync;

    public OutboundThenSync(OutboundDrain drain, SyncJob sync) {
        this.drain = drain;
        this.sync = sync;
    }

    @Override
    public Source source() {
        return sync.source();
    }

    @Override
    public void run(SyncSession session) throws Exception {
        drain.drain(session);
        sync.run(session);
    }
}
