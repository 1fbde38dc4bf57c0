package io.syncplane.emulator.people;

import io.syncplane.emulator.cursor.CursorCodec;
import io.syncplane.emulator.cursor.SortKeys;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.ParamParsers;
import io.syncplane.emulator.http.Params;
import io.syncplane.emulator.http.RouteTable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * People v1 {@code people/me/connections.list}: personFields (required), page tokens, requestSyncToken / syncToken,
 * deleted contacts as {@code metadata.deleted} in sync responses, and EXPIRED_SYNC_TOKEN once a token's full sync is
 * older than the horizon (Google: 7 days) or the admin expired it. Also people.get of one contact; the contact
 * writes live in {@link PeopleWriteEndpoints}.
 */
public final class PeopleEndpoints {

    private static final String SYNC = "PS";
    private static final String PAGE = "PP";
    private static final String DOCS = " Valid paths are documented at "
            + "https://developers.google.com/people/api/rest/v1/people.connections/list.";
    static final Set<String> VALID_FIELDS = Set.of("addresses", "ageRanges", "biographies", "birthdays",
            "calendarUrls", "clientData", "coverPhotos", "emailAddresses", "events", "externalIds", "genders",
            "imClients", "interests", "locales", "locations", "memberships", "metadata", "miscKeywords", "names",
            "nicknames", "occupations", "organizations", "phoneNumbers", "photos", "relations", "sipAddresses",
            "skills", "urls", "userDefined");
    private static final Set<String> SORT_ORDERS = Set.of("LAST_MODIFIED_ASCENDING", "LAST_MODIFIED_DESCENDING",
            "FIRST_NAME_ASCENDING", "LAST_NAME_ASCENDING");
    private static final Set<String> SOURCES = Set.of("READ_SOURCE_TYPE_CONTACT", "READ_SOURCE_TYPE_PROFILE",
            "READ_SOURCE_TYPE_DOMAIN_CONTACT", "READ_SOURCE_TYPE_OTHER_CONTACT");

    private final Clock clock;
    private final Duration horizon;

    public PeopleEndpoints(Clock clock, Duration horizon) {
        this.clock = clock;
        this.horizon = horizon;
    }

    public void register(RouteTable routes) {
        routes.fullSyncQuotaApi("GET", "v1/people/me/connections", Api.PEOPLE, this::connections);
        routes.api("GET", "v1/people/{}", Api.PEOPLE, 1, this::get);
    }

    private ApiResponse connections(Call call) {
        ContactBook book = call.user().contacts();
        Params params = call.params();
        Set<String> fields = personFields(params);
        int pageSize = ParamParsers.pageSize(params, "pageSize", 100, 0, 1000,
                raw -> GoogleErrors.peopleInvalidArgument("Invalid value at 'page_size' (TYPE_INT32), \"" + raw
                        + "\""));
        pageSize = pageSize == 0 ? 100 : pageSize;
        boolean requestSyncToken = ParamParsers.bool(params, "requestSyncToken", false,
                raw -> GoogleErrors.peopleInvalidArgument("Invalid value at 'request_sync_token' (TYPE_BOOL), \""
                        + raw + "\""));
        String sortOrder = params.text("sortOrder");
        if (sortOrder != null && !SORT_ORDERS.contains(sortOrder)) {
            throw new ApiException(GoogleErrors.peopleInvalidArgument("Invalid value at 'sort_order', \""
                    + sortOrder + "\""));
        }
        for (String source : params.split("sources")) {
            if (!SOURCES.contains(source)) {
                throw new ApiException(GoogleErrors.peopleInvalidArgument("Invalid value at 'sources', \""
                        + source + "\""));
            }
        }
        String fingerprint = fingerprint(params);
        String pageToken = params.text("pageToken");
        String syncToken = params.text("syncToken");
        long sinceSeq = -1;
        Long snapshot = null;
        long fullSyncAt = clock.millis();
        String afterKey = null;
        if (pageToken != null) {
            List<String> token = CursorCodec.decode(PAGE, pageToken, 6);
            if (token == null || !token.get(0).equals(fingerprint)) {
                throw new ApiException(GoogleErrors.peopleInvalidArgument(
                        "Parameters provided when paginating must match the first call, and the page token must"
                                + " be one returned by it."));
            }
            sinceSeq = CursorCodec.longField(token, 1);
            snapshot = CursorCodec.longField(token, 2);
            int epoch = (int) CursorCodec.longField(token, 3);
            fullSyncAt = CursorCodec.longField(token, 4);
            afterKey = token.get(5);
            if (sinceSeq >= 0) {
                requireValid(book, epoch, sinceSeq, fullSyncAt);
            }
        } else if (syncToken != null) {
            List<String> token = CursorCodec.decode(SYNC, syncToken, 3);
            if (token == null) {
                throw new ApiException(GoogleErrors.peopleInvalidArgument("Sync token is invalid."));
            }
            int epoch = (int) CursorCodec.longField(token, 0);
            sinceSeq = CursorCodec.longField(token, 1);
            fullSyncAt = CursorCodec.longField(token, 2);
            requireValid(book, epoch, sinceSeq, fullSyncAt);
        }
        long since = sinceSeq;
        Predicate<Contact> filter = since >= 0 ? contact -> contact.changeSeq() > since : contact -> !contact.deleted();
        ContactsPage page = book.page(filter, sortKey(since >= 0 ? null : sortOrder), afterKey, pageSize);
        long snapshotSeq = snapshot != null ? snapshot : page.seq();
        ObjectNode body = Json.object();
        if (!page.items().isEmpty()) {
            ArrayNode connections = body.putArray("connections");
            page.items().forEach(contact -> connections.add(PersonRenderer.person(contact, fields)));
        }
        if (page.nextKey() != null) {
            body.put("nextPageToken", CursorCodec.encode(PAGE, fingerprint, since, snapshotSeq, page.epoch(),
                    fullSyncAt, page.nextKey()));
        } else if (requestSyncToken) {
            body.put("nextSyncToken", CursorCodec.encode(SYNC, page.epoch(), snapshotSeq, fullSyncAt));
        }
        body.put("totalPeople", page.liveCount());
        body.put("totalItems", page.liveCount());
        return ApiResponse.ok(Json.bytes(body));
    }

    /** people.get of a contact ({@code people/c...}); the user's own profile is not emulated. */
    private ApiResponse get(Call call) {
        Set<String> fields = personFields(call.params());
        Contact contact = call.user().contacts().contact("people/" + call.var(0));
        if (contact == null) {
            throw new ApiException(GoogleErrors.peopleNotFound());
        }
        return ApiResponse.ok(Json.bytes(PersonRenderer.person(contact, fields)));
    }

    private void requireValid(ContactBook book, int epoch, long sinceSeq, long fullSyncAt) {
        if (fullSyncAt + horizon.toMillis() < clock.millis() || !book.canSyncFrom(epoch, sinceSeq)) {
            throw new ApiException(GoogleErrors.peopleExpiredSyncToken());
        }
    }

    static Set<String> personFields(Params params) {
        List<String> requested = params.split("personFields");
        if (requested.isEmpty()) {
            requested = params.split("requestMask.includeField");
        }
        if (requested.isEmpty()) {
            throw new ApiException(GoogleErrors.peopleInvalidArgument(
                    "personFields mask is required. Please specify one or more valid paths." + DOCS));
        }
        Set<String> fields = new LinkedHashSet<>();
        for (String field : requested) {
            String name = field.startsWith("person.") ? field.substring("person.".length()) : field;
            if (!VALID_FIELDS.contains(name)) {
                throw new ApiException(GoogleErrors.peopleInvalidArgument(
                        "Invalid personFields mask path: \"" + field + "\"." + DOCS));
            }
            fields.add(name);
        }
        return fields;
    }

    private static Function<Contact, String> sortKey(String sortOrder) {
        if (sortOrder == null) {
            return contact -> SortKeys.ascending(contact.changeSeq(), contact.resourceName());
        }
        return switch (sortOrder) {
            case "LAST_MODIFIED_DESCENDING" -> contact ->
                    SortKeys.descending(contact.updated().toEpochMilli(), contact.resourceName());
            case "FIRST_NAME_ASCENDING" -> contact -> SortKeys.text(contact.givenName(), contact.resourceName());
            case "LAST_NAME_ASCENDING" -> contact -> SortKeys.text(contact.familyName(), contact.resourceName());
            default -> contact -> SortKeys.ascending(contact.updated().toEpochMilli(), contact.resourceName());
        };
    }

    private static String fingerprint(Params params) {
        StringBuilder out = new StringBuilder();
        for (String name : new TreeSet<>(params.names())) {
            if (!name.equals("pageToken") && !name.equals("pageSize") && !name.equals("syncToken")) {
                out.append(name).append('=').append(params.all(name)).append('&');
            }
        }
        return Integer.toHexString(out.toString().hashCode());
    }
}
