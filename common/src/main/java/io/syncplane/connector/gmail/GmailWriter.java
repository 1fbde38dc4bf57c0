package io.syncplane.connector.gmail;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.ModifyMessageRequest;
import io.syncplane.connector.MalformedItemException;
import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.limits.RequestScope;
import io.syncplane.writeback.GoogleCopy;
import io.syncplane.writeback.OperationKind;
import io.syncplane.writeback.OutboundOperation;
import io.syncplane.writeback.OutboundWriter;
import io.syncplane.writeback.ResourceJson;
import io.syncplane.writeback.StoredRow;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gmail label changes: modify (add/remove labels: read/unread, archive, star), trash and untrash. All of them are
 * idempotent (adding a label twice leaves it added), so an attempt that may have landed is simply sent again, and
 * Gmail has no version precondition on them: they never conflict. Gmail answers with only id, threadId, labelIds and
 * historyId, so the stored copy (headers, snippet) is kept and only those are taken from the answer.
 */
public final class GmailWriter implements OutboundWriter {

    private final GoogleClients clients;

    public GmailWriter(GoogleClients clients) {
        this.clients = clients;
    }

    @Override
    public Source source() {
        return Source.GMAIL;
    }

    @Override
    public GoogleCopy send(OutboundOperation operation, Optional<StoredRow> stored, String version)
            throws IOException {
        if (operation.kind() != OperationKind.UPDATE) {
            throw new IllegalArgumentException("Gmail supports only label changes and trash, not "
                    + operation.kind().id());
        }
        Gmail.Users.Messages messages = clients.gmail(RequestScope.upkeep(operation.connectionId(), Source.GMAIL))
                .users().messages();
        Map<String, Object> fields = operation.fields();
        Object trash = fields.get("trash");
        Message answer;
        if (Boolean.TRUE.equals(trash)) {
            answer = messages.trash("me", operation.itemId()).execute();
        } else if (Boolean.FALSE.equals(trash)) {
            answer = messages.untrash("me", operation.itemId()).execute();
        } else {
            answer = messages.modify("me", operation.itemId(), new ModifyMessageRequest()
                    .setAddLabelIds(labels(fields.get("addLabelIds")))
                    .setRemoveLabelIds(labels(fields.get("removeLabelIds")))).execute();
        }
        return copy(merged(stored, answer));
    }

    @Override
    public Optional<GoogleCopy> landed(OutboundOperation operation, Optional<StoredRow> stored) {
        return Optional.empty();
    }

    @Override
    public Optional<GoogleCopy> current(OutboundOperation operation) {
        return Optional.empty();
    }

    @Override
    public boolean isStaleVersion(GoogleJsonResponseException e) {
        return false;
    }

    @Override
    public String versionOf(StoredRow stored) {
        return null;
    }

    @Override
    public boolean detectsConflicts() {
        return false;
    }

    private static Message merged(Optional<StoredRow> stored, Message answer) {
        if (stored.isEmpty() || stored.get().raw() == null) {
            return answer;
        }
        Message message = ResourceJson.parse(stored.get().raw(), Message.class);
        return message.setLabelIds(answer.getLabelIds()).setHistoryId(answer.getHistoryId())
                .setThreadId(answer.getThreadId() == null ? message.getThreadId() : answer.getThreadId());
    }

    private static GoogleCopy copy(Message message) {
        try {
            return new GoogleCopy(GmailMessageMapper.toItem(message),
                    message.getHistoryId() == null ? null : message.getHistoryId().toString(), null);
        } catch (MalformedItemException e) {
            throw new IllegalStateException("Gmail answered with a message Syncplane cannot store: "
                    + e.getMessage(), e);
        }
    }

    private static List<String> labels(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("label ids must be a list: " + value);
        }
        return list.stream().map(String::valueOf).toList();
    }
}
