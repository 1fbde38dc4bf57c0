package io.syncplane.api.sync;

import io.syncplane.api.auth.ApiKeys;
import io.syncplane.api.auth.Caller;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.api.web.ApiException;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.ledger.SyncStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An operator's trigger of many sources by filter, walked in keyset pages so any number of rows stays cheap. */
public final class BulkTriggerService {

    private static final int PAGE = 500;

    private final CallerTransactions transactions;
    private final JdbcClient jdbc;
    private final TriggerService triggers;

    public BulkTriggerService(CallerTransactions transactions, JdbcClient jdbc, TriggerService triggers) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.triggers = triggers;
    }

    public BulkTriggerResult trigger(Caller caller, BulkTriggerRequest request) {
        ApiKeys.requireOperator(caller);
        String[] statuses = validated(request.status(), "status",
                Arrays.stream(SyncStatus.values()).map(SyncStatus::id).toList());
        String[] sources = validated(request.source(), "source",
                Arrays.stream(Source.values()).map(Source::id).toList());
        Long[] connections = request.connectionIds() == null ? null : request.connectionIds().toArray(Long[]::new);
        boolean full = Boolean.TRUE.equals(request.full());
        long matched = 0;
        long enqueued = 0;
        long after = 0;
        while (true) {
            long from = after;
            Page page = transactions.read(caller, () -> page(statuses, sources, connections, from));
            if (page.keys().isEmpty()) {
                break;
            }
            for (SyncKey key : page.keys()) {
                matched++;
                if (triggers.triggerOne(caller, key, full).skipped() == null) {
                    enqueued++;
                }
            }
            after = page.lastId();
        }
        return new BulkTriggerResult(matched, enqueued, matched - enqueued);
    }

    private Page page(String[] statuses, String[] sources, Long[] connections, long afterId) {
        List<SyncKey> keys = new ArrayList<>();
        long[] lastId = {afterId};
        jdbc.sql("SELECT id, connection_id, source FROM sync_state WHERE id > :after"
                        + " AND (cast(:statuses AS text[]) IS NULL OR status = ANY(cast(:statuses AS text[])))"
                        + " AND (cast(:sources AS text[]) IS NULL OR source = ANY(cast(:sources AS text[])))"
                        + " AND (cast(:connections AS bigint[]) IS NULL OR connection_id = ANY(cast(:connections AS bigint[])))"
                        + " ORDER BY id LIMIT :limit")
                .param("after", afterId).param("statuses", statuses).param("sources", sources)
                .param("connections", connections).param("limit", PAGE)
                .query(rs -> {
                    lastId[0] = rs.getLong("id");
                    keys.add(new SyncKey(rs.getLong("connection_id"), Source.require(rs.getString("source"))));
                });
        return new Page(keys, lastId[0]);
    }

    private record Page(List<SyncKey> keys, long lastId) {
    }

    private static String[] validated(List<String> values, String field, List<String> known) {
        if (values == null) {
            return null;
        }
        for (String value : values) {
            if (!known.contains(value)) {
                throw ApiException.badParameter(field, "unknown " + field + " '" + value + "'; known: " + known);
            }
        }
        return values.toArray(String[]::new);
    }
}
