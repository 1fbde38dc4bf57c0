package io.syncplane.sync;

import io.syncplane.domain.Source;

/**
 * One source's sync logic (a connector). The worker starts the run in the ledger, hands the job a session, and turns
 * what the job returns or throws into ledger and queue transitions: return normally after
 * {@link SyncSession#complete}; throw {@link RateLimitedException} or {@link ReauthorizationRequiredException} to say
 * so; any other exception is a failure retried with backoff. A job must check {@link SyncSession#stopRequested()}
 * between pages and throw {@link SyncStoppedException} when it is set.
 */
public interface SyncJob {

    Source source();

    void run(SyncSession session) throws Exception;
}
