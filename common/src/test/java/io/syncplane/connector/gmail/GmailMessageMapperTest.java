package io.syncplane.connector.gmail;

import io.syncplane.connector.SkippedItems;
import io.syncplane.connector.MalformedItemException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePart;
import com.google.api.services.gmail.model.MessagePartHeader;
import io.syncplane.store.SyncedItem;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GmailMessageMapperTest {

    @Test
    void typed_columns_come_from_the_message_and_its_metadata_headers() throws Exception {
        SyncedItem item = GmailMessageMapper.toItem(aMessage("Subject", "Quarterly numbers"));

        assertThat(item.key()).containsExactly("18c2f0a1b2c3d4e5");
        assertThat(item.deleted()).isFalse();
        assertThat(item.columns())
                .containsEntry("thread_id", "18c2f0a1b2c3d4e0")
                .containsEntry("history_id", "98765")
                .containsEntry("internal_date", Instant.ofEpochMilli(1_767_225_600_123L))
                .containsEntry("from_header", "Ada <ada@example.test>")
                .containsEntry("to_header", "me@example.test")
                .containsEntry("subject", "Quarterly numbers")
                .containsEntry("label_ids", List.of("INBOX", "UNREAD"))
                .containsEntry("snippet", "the numbers")
                .containsEntry("size_estimate", 2048);
        assertThat(GsonFactory.getDefaultInstance().createJsonParser(item.rawJson()).parse(Message.class))
                .isEqualTo(aMessage("Subject", "Quarterly numbers"));
    }

    @Test
    void header_names_match_whatever_their_case_and_the_first_of_a_name_wins() throws Exception {
        Message message = aMessage("subject", "lower-case name");
        message.getPayload().getHeaders().add(new MessagePartHeader().setName("SUBJECT").setValue("second"));

        assertThat(GmailMessageMapper.toItem(message).columns()).containsEntry("subject", "lower-case name");
    }

    @Test
    void a_message_without_labels_or_headers_is_stored_with_none() throws Exception {
        Message bare = new Message().setId("00000000000000ff").setThreadId("00000000000000ff");

        SyncedItem item = GmailMessageMapper.toItem(bare);

        assertThat(item.columns()).containsEntry("label_ids", List.of()).containsEntry("subject", null)
                .containsEntry("internal_date", null);
    }

    @Test
    void a_message_without_an_id_is_malformed() {
        MalformedItemException e = catchThrowableOfType(
                () -> GmailMessageMapper.toItem(aMessage("Subject", "x").setId(null)), MalformedItemException.class);

        assertThat(e.itemId()).isNull();
        assertThat(e.getMessage()).isEqualTo("no id");
    }

    @Test
    void a_nul_character_anywhere_makes_the_message_malformed_but_an_escaped_backslash_u0000_does_not()
            throws Exception {
        MalformedItemException e = catchThrowableOfType(
                () -> GmailMessageMapper.toItem(aMessage("Subject", "a\u0000b")), MalformedItemException.class);
        assertThat(e.itemId()).isEqualTo("18c2f0a1b2c3d4e5");

        SyncedItem literal = GmailMessageMapper.toItem(aMessage("Subject", "C:\\u0000 is a path"));
        assertThat(literal.columns()).containsEntry("subject", "C:\\u0000 is a path");
    }

    @Test
    void the_skipped_messages_warning_names_how_many_and_which() {
        SkippedItems skipped = new SkippedItems(7, "Gmail message");
        assertThat(skipped.warning()).isNull();
        for (int i = 0; i < 22; i++) {
            skipped.record(new MalformedItemException("id" + i, "reason " + i));
        }
        skipped.record(new MalformedItemException(null, "no id"));

        assertThat(skipped.warning()).startsWith("skipped 23 malformed Gmail messages: id0 (reason 0), id1 (reason 1)")
                .contains("id19 (reason 19)").doesNotContain("id20").endsWith(" and 3 more");
        assertThat(SkippedItems.join(null, "b", null, "c")).isEqualTo("b; c");
        assertThat(SkippedItems.join(null, null)).isNull();
    }

    private static Message aMessage(String subjectHeader, String subject) {
        return new Message().setId("18c2f0a1b2c3d4e5").setThreadId("18c2f0a1b2c3d4e0")
                .setHistoryId(BigInteger.valueOf(98765)).setInternalDate(1_767_225_600_123L)
                .setLabelIds(List.of("INBOX", "UNREAD")).setSnippet("the numbers").setSizeEstimate(2048)
                .setPayload(new MessagePart().setMimeType("multipart/alternative").setHeaders(new java.util.ArrayList<>(
                        List.of(new MessagePartHeader().setName("From").setValue("Ada <ada@example.test>"),
                                new MessagePartHeader().setName("To").setValue("me@example.test"),
                                new MessagePartHeader().setName(subjectHeader).setValue(subject)))));
    }
}
