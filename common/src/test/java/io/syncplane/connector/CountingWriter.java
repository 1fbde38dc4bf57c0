package io.syncplane.connector;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import io.syncplane.domain.Source;
import io.syncplane.store.ItemTable;
import io.syncplane.writeback.GoogleCopy;
import io.syncplane.writeback.OutboundOperation;
import io.syncplane.writeback.OutboundWriter;
import io.syncplane.writeback.StoredRow;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A real writer that counts what the drain sends through it, to tell a resend from a found earlier attempt. */
public final class CountingWriter implements OutboundWriter {

    public final AtomicInteger sends = new AtomicInteger();
    private final OutboundWriter writer;

    public CountingWriter(OutboundWriter writer) {
        this.writer = writer;
    }

    @Override
    public Source source() {
        return writer.source();
    }

    @Override
    public ItemTable table() {
        return writer.table();
    }

    @Override
    public Optional<List<String>> key(OutboundOperation operation) {
        return writer.key(operation);
    }

    @Override
    public GoogleCopy send(OutboundOperation operation, Optional<StoredRow> stored, String version)
            throws IOException {
        sends.incrementAndGet();
        return writer.send(operation, stored, version);
    }

    @Override
    public Optional<GoogleCopy> landed(OutboundOperation operation, Optional<StoredRow> stored) throws IOException {
        return writer.landed(operation, stored);
    }

    @Override
    public Optional<GoogleCopy> current(OutboundOperation operation) throws IOException {
        return writer.current(operation);
    }

    @Override
    public boolean isStaleVersion(GoogleJsonResponseException e) {
        return writer.isStaleVersion(e);
    }

    @Override
    public String versionOf(StoredRow stored) {
        return writer.versionOf(stored);
    }

    @Override
    public boolean detectsConflicts() {
        return writer.detectsConflicts();
    }
}
