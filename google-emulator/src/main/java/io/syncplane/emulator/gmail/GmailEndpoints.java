package io.syncplane.emulator.gmail;

import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.ParamParsers;
import io.syncplane.emulator.http.Params;
import io.syncplane.emulator.http.RouteTable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The Gmail API: getProfile, labels.list, messages.list/get, history.list, watch and stop (label writes:
 * {@link GmailWriteEndpoints}). The path's userId may be
 * {@code me} or the token user's own address; any other address is answered 403 "Delegation denied", as Gmail does.
 */
public final class GmailEndpoints {

    private static final String BASE = "gmail/v1/users/{}/";
    private static final Pattern TOPIC = Pattern.compile("projects/[^/]+/topics/[^/]+");
    private static final Duration WATCH_LIFETIME = Duration.ofDays(7);

    private final Clock clock;

    public GmailEndpoints(Clock clock) {
        this.clock = clock;
    }

    public void register(RouteTable routes) {
        routes.api("GET", BASE + "profile", Api.GMAIL, 1, this::profile);
        routes.api("GET", BASE + "labels", Api.GMAIL, 1, this::labels);
        routes.api("GET", BASE + "messages", Api.GMAIL, 5, this::listMessages);
        routes.api("GET", BASE + "messages/{}", Api.GMAIL, 5, this::getMessage);
        routes.api("GET", BASE + "history", Api.GMAIL, 2, this::history);
        routes.api("POST", BASE + "watch", Api.GMAIL, 100, this::watch);
        routes.api("POST", BASE + "stop", Api.GMAIL, 50, this::stop);
    }

    static Mailbox mailbox(Call call) {
        String userId = call.var(0);
        if (!userId.equals("me") && !userId.equalsIgnoreCase(call.user().email())) {
            throw new ApiException(GoogleErrors.delegationDenied(userId));
        }
        return call.user().mailbox();
    }

    private ApiResponse profile(Call call) {
        MailboxProfile profile = mailbox(call).profile();
        ObjectNode body = Json.object();
        body.put("emailAddress", profile.emailAddress());
        body.put("messagesTotal", profile.messagesTotal());
        body.put("threadsTotal", profile.threadsTotal());
        body.put("historyId", Long.toString(profile.historyId()));
        return ApiResponse.ok(Json.bytes(body));
    }

    private ApiResponse labels(Call call) {
        ObjectNode body = Json.object();
        ArrayNode labels = body.putArray("labels");
        for (GmailLabel label : mailbox(call).labels()) {
            labels.addObject().put("id", label.id()).put("name", label.name()).put("type", label.type());
        }
        return ApiResponse.ok(Json.bytes(body));
    }

    private ApiResponse listMessages(Call call) {
        Mailbox mailbox = mailbox(call);
        Params params = call.params();
        int max = ParamParsers.pageSize(params, "maxResults", 100, 0, 500,
                raw -> GoogleErrors.invalidValue("max_results", "TYPE_UINT32", raw));
        max = max == 0 ? 100 : max;
        boolean includeSpamTrash = ParamParsers.bool(params, "includeSpamTrash", false,
                raw -> GoogleErrors.invalidValue("include_spam_trash", "TYPE_BOOL", raw));
        Long before = null;
        String pageToken = params.text("pageToken");
        if (pageToken != null) {
            before = Mailbox.keyOf(pageToken);
            if (before == null) {
                throw new ApiException(GoogleErrors.invalidArgument("Invalid pageToken"));
            }
        }
        List<String> labelIds = params.all("labelIds");
        Predicate<GmailMessage> filter = MessageQuery.parse(params.first("q"), mailbox.labels(), clock.instant());
        Predicate<GmailMessage> labelFilter = message -> labelIds.stream().allMatch(message::hasLabel);
        Predicate<GmailMessage> spamTrash = includeSpamTrash
                ? message -> true : message -> !message.hasLabel("SPAM") && !message.hasLabel("TRASH");
        MessagePage page = mailbox.list(labelFilter.and(spamTrash).and(filter), max, before);
        ObjectNode body = Json.object();
        if (!page.messages().isEmpty()) {
            ArrayNode messages = body.putArray("messages");
            page.messages().forEach(message -> messages.add(GmailRenderer.reference(message)));
        }
        if (page.nextKey() != null) {
            body.put("nextPageToken", GmailMessage.idOf(page.nextKey()));
        }
        body.put("resultSizeEstimate", page.resultSizeEstimate());
        return ApiResponse.ok(Json.bytes(body));
    }

    private ApiResponse getMessage(Call call) {
        Mailbox mailbox = mailbox(call);
        String id = call.var(1);
        if (Mailbox.keyOf(id) == null) {
            throw new ApiException(GoogleErrors.invalidArgument("Invalid id value"));
        }
        String formatParam = call.params().text("format");
        MessageFormat format = MessageFormat.parse(formatParam);
        if (format == null) {
            throw new ApiException(GoogleErrors.invalidValue("format",
                    "type.googleapis.com/gmail.v1.GetMessageRequest.Format", formatParam));
        }
        GmailMessage message = mailbox.message(id);
        if (message == null) {
            throw new ApiException(GoogleErrors.notFound());
        }
        List<String> headers = format == MessageFormat.METADATA ? call.params().split("metadataHeaders") : List.of();
        return ApiResponse.ok(Json.bytes(GmailRenderer.message(message, format, headers)));
    }

    private ApiResponse history(Call call) {
        Mailbox mailbox = mailbox(call);
        Params params = call.params();
        String startRaw = params.text("startHistoryId");
        if (startRaw == null) {
            throw new ApiException(GoogleErrors.invalidArgument("Missing required parameter: startHistoryId"));
        }
        long start = ParamParsers.unsignedLong(startRaw,
                raw -> GoogleErrors.invalidValue("start_history_id", "TYPE_UINT64", raw));
        int max = ParamParsers.pageSize(params, "maxResults", 100, 0, 500,
                raw -> GoogleErrors.invalidValue("max_results", "TYPE_UINT32", raw));
        max = max == 0 ? 100 : max;
        Set<HistoryRecord.Kind> kinds = EnumSet.noneOf(HistoryRecord.Kind.class);
        for (String type : params.all("historyTypes")) {
            HistoryRecord.Kind kind = HistoryRecord.Kind.fromWire(type);
            if (kind == null) {
                throw new ApiException(GoogleErrors.invalidValue("history_types",
                        "type.googleapis.com/gmail.v1.ListHistoryRequest.HistoryTypes", type));
            }
            kinds.add(kind);
        }
        String pageToken = params.text("pageToken");
        long from = start;
        if (pageToken != null) {
            from = ParamParsers.unsignedLong(pageToken, raw -> GoogleErrors.invalidArgument("Invalid pageToken"));
            if (from < start) {
                throw new ApiException(GoogleErrors.invalidArgument("Invalid pageToken"));
            }
        }
        HistoryPage page = mailbox.history(from, kinds, params.text("labelId"), max);
        if (page == null) {
            throw new ApiException(GoogleErrors.notFound());
        }
        if (page.records().isEmpty() && page.nextStart() == null) {
            // The hot path of idle incremental syncs: no tree, no mapper.
            return ApiResponse.ok(("{\"historyId\":\"" + page.historyId() + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        ObjectNode body = Json.object();
        ArrayNode history = body.putArray("history");
        for (HistoryRecord record : page.records()) {
            history.add(GmailRenderer.history(record, mailbox.message(record.messageId())));
        }
        if (page.nextStart() != null) {
            body.put("nextPageToken", Long.toString(page.nextStart()));
        }
        body.put("historyId", Long.toString(page.historyId()));
        return ApiResponse.ok(Json.bytes(body));
    }

    private ApiResponse watch(Call call) {
        Mailbox mailbox = mailbox(call);
        ObjectNode request = Json.parseObject(call.request());
        String topic = Json.text(request, "topicName");
        if (topic == null) {
            throw new ApiException(GoogleErrors.invalidArgument("Invalid topicName: must not be empty"));
        }
        if (!TOPIC.matcher(topic).matches()) {
            throw new ApiException(GoogleErrors.invalidArgument(
                    "Invalid topicName does not match projects/SOME-PROJECT/topics/SOME-TOPIC"));
        }
        List<String> labelIds = new ArrayList<>();
        JsonNode labels = request.get("labelIds");
        if (labels != null && !labels.isNull()) {
            if (!labels.isArray()) {
                throw new ApiException(GoogleErrors.invalidArgument("Invalid value for field 'labelIds'."));
            }
            for (JsonNode label : labels) {
                String id = label.asString();
                if (mailbox.label(id) == null) {
                    throw new ApiException(GoogleErrors.invalidArgument("Invalid label: " + id));
                }
                labelIds.add(id);
            }
        }
        String behavior = Json.text(request, "labelFilterBehavior");
        if (behavior == null) {
            behavior = Json.text(request, "labelFilterAction");
        }
        if (behavior != null && !behavior.equalsIgnoreCase("include") && !behavior.equalsIgnoreCase("exclude")) {
            throw new ApiException(GoogleErrors.invalidValue("label_filter_behavior",
                    "type.googleapis.com/gmail.v1.WatchRequest.LabelFilterBehavior", behavior));
        }
        boolean include = behavior == null || behavior.equalsIgnoreCase("include");
        GmailWatch watch = mailbox.watch(topic, labelIds, include, clock.instant().plus(WATCH_LIFETIME));
        ObjectNode body = Json.object();
        body.put("historyId", Long.toString(watch.historyId()));
        body.put("expiration", Long.toString(watch.expiration().toEpochMilli()));
        return ApiResponse.ok(Json.bytes(body));
    }

    private ApiResponse stop(Call call) {
        mailbox(call).stopWatch();
        return ApiResponse.noContent();
    }
}
