package io.syncplane.emulator.people;

import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.Params;
import io.syncplane.emulator.http.RouteTable;
import io.syncplane.emulator.oauth.Scopes;
import io.syncplane.emulator.store.StaleEtagException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * People v1 contact writes: createContact, updateContact (updatePersonFields required, the request's etag must be
 * the current one: People's 400 FAILED_PRECONDITION, not a 412) and deleteContact, through the {@link ContactBook}
 * operations the admin API uses, so they show in connections.list sync-token listings.
 */
public final class PeopleWriteEndpoints {

    private static final String UPDATE = ":updateContact";
    private static final String DELETE = ":deleteContact";
    /** What a write answers when the request names no personFields: every field the emulator fills. */
    private static final Set<String> ALL_FIELDS = Set.of("metadata", "names", "emailAddresses", "phoneNumbers",
            "organizations", "clientData");

    public void register(RouteTable routes) {
        routes.write("POST", "v1/people:createContact", Api.PEOPLE, 1, Scopes.CONTACTS_WRITE, this::create);
        routes.write("PATCH", "v1/people/{}", Api.PEOPLE, 1, Scopes.CONTACTS_WRITE, this::update);
        routes.write("DELETE", "v1/people/{}", Api.PEOPLE, 1, Scopes.CONTACTS_WRITE, this::delete);
    }

    private ApiResponse create(Call call) {
        Set<String> fields = responseFields(call.params());
        Contact contact = call.user().contacts().add(new PersonJson(Json.parseObject(call.request())).content());
        return ApiResponse.ok(Json.bytes(PersonRenderer.person(contact, fields)));
    }

    private ApiResponse update(Call call) {
        String resourceName = resourceName(call, UPDATE);
        Set<String> mask = updateMask(call.params());
        Set<String> fields = responseFields(call.params());
        PersonJson body = new PersonJson(Json.parseObject(call.request()));
        String etag = body.etag();
        if (etag == null) {
            // DISC: "400 if metadata.sources is missing"; the exact message is unconfirmed
            throw new ApiException(GoogleErrors.peopleInvalidArgument(
                    "Request person.etag or person.metadata.sources.etag must be set."));
        }
        Contact contact;
        try {
            contact = call.user().contacts().edit(resourceName, etag, current -> body.replaceMasked(current, mask));
        } catch (StaleEtagException e) {
            throw new ApiException(GoogleErrors.peopleEtagMismatch());
        } catch (NoSuchElementException e) {
            throw new ApiException(GoogleErrors.peopleNotFound());
        }
        return ApiResponse.ok(Json.bytes(PersonRenderer.person(contact, fields)));
    }

    private ApiResponse delete(Call call) {
        String resourceName = resourceName(call, DELETE);
        try {
            call.user().contacts().delete(resourceName);
        } catch (NoSuchElementException e) {
            throw new ApiException(GoogleErrors.peopleNotFound());
        }
        return ApiResponse.ok("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** {@code people/c123} from the path segment {@code c123:updateContact}; 404 for any other verb. */
    private static String resourceName(Call call, String verb) {
        String segment = call.var(0);
        if (!segment.endsWith(verb) || segment.length() == verb.length()) {
            throw new ApiException(GoogleErrors.methodNotFound(call.request().method(), call.request().path()));
        }
        return "people/" + segment.substring(0, segment.length() - verb.length());
    }

    private static Set<String> updateMask(Params params) {
        List<String> requested = params.split("updatePersonFields");
        if (requested.isEmpty()) {
            throw new ApiException(GoogleErrors.peopleInvalidArgument(
                    "updatePersonFields mask is required. Please specify one or more valid paths."));
        }
        Set<String> mask = new LinkedHashSet<>();
        for (String field : requested) {
            String name = field.startsWith("person.") ? field.substring("person.".length()) : field;
            if (!PeopleEndpoints.VALID_FIELDS.contains(name) || name.equals("metadata")) {
                throw new ApiException(GoogleErrors.peopleInvalidArgument(
                        "Invalid updatePersonFields mask path: \"" + field + "\"."));
            }
            mask.add(name);
        }
        return mask;
    }

    private static Set<String> responseFields(Params params) {
        return params.split("personFields").isEmpty() ? ALL_FIELDS : PeopleEndpoints.personFields(params);
    }
}
