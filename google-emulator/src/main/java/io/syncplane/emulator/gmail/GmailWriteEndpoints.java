package io.syncplane.emulator.gmail;

import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.RouteTable;
import io.syncplane.emulator.oauth.Scopes;
import io.syncplane.emulator.users.UserAccount;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Gmail's label writes: messages.modify, messages.trash and messages.untrash (5 quota units each). They go through
 * {@link Mailbox#modifyLabels}, the operation the admin API uses, so they write the same history records, and hand
 * the change to the same push notifier.
 */
public final class GmailWriteEndpoints {

    private static final String MESSAGE = "gmail/v1/users/{}/messages/{}/";
    private static final int MAX_LABELS = 100;

    private final BiConsumer<UserAccount, MailboxChange> notifier;

    public GmailWriteEndpoints(BiConsumer<UserAccount, MailboxChange> notifier) {
        this.notifier = notifier;
    }

    public void register(RouteTable routes) {
        routes.write("POST", MESSAGE + "modify", Api.GMAIL, 5, Scopes.GMAIL_WRITE, this::modify);
        routes.write("POST", MESSAGE + "trash", Api.GMAIL, 5, Scopes.GMAIL_WRITE,
                call -> change(call, List.of("TRASH"), List.of()));
        routes.write("POST", MESSAGE + "untrash", Api.GMAIL, 5, Scopes.GMAIL_WRITE,
                call -> change(call, List.of(), List.of("TRASH")));
    }

    private ApiResponse modify(Call call) {
        ObjectNode body = Json.parseObject(call.request());
        return change(call, labelIds(body, "addLabelIds"), labelIds(body, "removeLabelIds"));
    }

    private ApiResponse change(Call call, List<String> add, List<String> remove) {
        Mailbox mailbox = GmailEndpoints.mailbox(call);
        String id = call.var(1);
        if (Mailbox.keyOf(id) == null) {
            throw new ApiException(GoogleErrors.invalidArgument("Invalid id value"));
        }
        for (String label : concat(add, remove)) {
            if (mailbox.label(label) == null) {
                throw new ApiException(GoogleErrors.invalidArgument("Invalid label: " + label));
            }
        }
        if (mailbox.message(id) == null) {
            throw new ApiException(GoogleErrors.notFound());
        }
        MailboxChange change;
        try {
            change = mailbox.modifyLabels(id, add, remove);
        } catch (java.util.NoSuchElementException e) {
            throw new ApiException(GoogleErrors.notFound()); // deleted between the check and the write
        }
        notifier.accept(call.user(), change);
        GmailMessage message = change.message();
        ObjectNode answer = Json.object();
        answer.put("id", message.id());
        answer.put("threadId", message.threadId());
        answer.set("labelIds", Json.strings(message.labelIds()));
        answer.put("historyId", Long.toString(message.historyId()));
        return ApiResponse.ok(Json.bytes(answer));
    }

    private static List<String> labelIds(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ApiException(GoogleErrors.invalidArgument("Invalid value for field '" + field + "'."));
        }
        if (node.size() > MAX_LABELS) {
            throw new ApiException(GoogleErrors.invalidArgument("Too many label ids in " + field
                    + ": at most " + MAX_LABELS + " are allowed."));
        }
        List<String> ids = new ArrayList<>();
        node.forEach(label -> ids.add(label.asString()));
        return ids;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
