package io.syncplane.connector.contacts;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.people.v1.PeopleService;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import io.syncplane.google.GoogleErrors;
import io.syncplane.sync.RateLimitedException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Reads pages of {@code people/me/connections} for one connection. Every request carries the same personFields,
 * pageSize and requestSyncToken, and a continued sync resends its syncToken with the page token: People rejects a
 * page token whose other parameters differ from the first call's.
 */
final class PeopleConnectionsReader {

    static final String PERSON_FIELDS = "names,emailAddresses,phoneNumbers,organizations,metadata";
    private static final String EXPIRED_SYNC_TOKEN = "EXPIRED_SYNC_TOKEN";

    private final PeopleService people;
    private final int pageSize;
    private final Clock clock;
    private final Duration rateLimitFallback;

    PeopleConnectionsReader(PeopleService people, ContactsConnectorProperties properties, Clock clock) {
        this.people = people;
        this.pageSize = properties.pageSize();
        this.clock = clock;
        this.rateLimitFallback = properties.rateLimitFallback();
    }

    /**
     * One page: of everything when {@code syncToken} is null, else of the changes since it.
     *
     * @throws RateLimitedException for People's 429 RESOURCE_EXHAUSTED (the first page of a full sync has its own,
     *                              small quota) and 403 rate limits
     */
    ListConnectionsResponse read(String syncToken, String pageToken) throws IOException {
        PeopleService.People.Connections.List request = people.people().connections().list("people/me")
                .setPersonFields(PERSON_FIELDS)
                .setPageSize(pageSize)
                .setRequestSyncToken(true)
                .setSyncToken(syncToken)
                .setPageToken(pageToken);
        try {
            return request.execute();
        } catch (GoogleJsonResponseException e) {
            if (GoogleErrors.isRateLimit(e)) {
                throw (RateLimitedException) GoogleErrors.rateLimitedOr(e, clock.instant(), rateLimitFallback);
            }
            throw e;
        }
    }

    /** People's 400 FAILED_PRECONDITION with ErrorInfo EXPIRED_SYNC_TOKEN: only a full sync can continue. */
    static boolean isExpiredSyncToken(GoogleJsonResponseException e) {
        return e.getStatusCode() == 400 && GoogleErrors.hasReason(e, EXPIRED_SYNC_TOKEN);
    }

    /**
     * A page token from an earlier attempt that People no longer accepts (any other 400). Restarting the pass is
     * safe: pages are idempotent, and a full sync keeps its generation.
     */
    static boolean isRejectedPageToken(GoogleJsonResponseException e) {
        return e.getStatusCode() == 400 && !isExpiredSyncToken(e);
    }
}
