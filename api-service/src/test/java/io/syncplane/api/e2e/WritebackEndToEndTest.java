package io.syncplane.api.e2e;

import static io.syncplane.api.e2e.E2eSupport.awaitSyncedAfter;
import static io.syncplane.api.e2e.E2eSupport.linkThroughOAuth;
import static io.syncplane.api.e2e.E2eSupport.readAll;
import static io.syncplane.api.support.ServiceStart.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.e2e.E2eSupport.Feed;
import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ChangeOperation;
import io.syncplane.emulator.GoogleEmulator;
import io.syncplane.emulator.admin.GroundTruth;
import io.syncplane.emulator.admin.MessageView;
import io.syncplane.emulator.calendar.CalendarEvent;
import io.syncplane.emulator.people.Contact;
import io.syncplane.emulator.tasks.EmulatedTask;
import io.syncplane.emulator.tasks.TaskChange;
import io.syncplane.emulator.tasks.TaskListView;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two-way sync through HTTP only, against the emulator: an application writes every kind of change through
 * {@code POST /v1/users/{id}/changes}, a real worker sends it to "Google", it lands there and comes back in the change
 * feed exactly once — and its echo in the next sync does not come back again.
 */
class WritebackEndToEndTest {

    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(90);

    private static GoogleEmulator emulator;
    private static E2eServices services;
    private static ApiClient client;

    @BeforeAll
    static void start() throws IOException {
        services = E2eServices.start(GoogleEmulator.builder().users(3).seed(14).messagesPerUser(12).eventsPerUser(8)
                .contactsPerUser(8).tasksPerUser(6), freePort(), Map.of());
        emulator = services.emulator();
        client = services.client();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void every_kind_of_write_lands_at_google_and_comes_back_in_the_feed_exactly_once() throws Exception {
        String email = emulator.admin().email(1);
        Account account = link(email, "writer");
        Feed before = readAll(client, account.userId(), null);
        GroundTruth truth = emulator.admin().groundTruth(email);

        TaskListView list = truth.taskLists().stream().filter(l -> l.tasks().size() >= 2).findFirst().orElseThrow();
        EmulatedTask completed = list.tasks().get(0);
        EmulatedTask removedTask = list.tasks().get(1);
        List<CalendarEvent> primary = truth.eventsByCalendar().get(email).stream()
                .filter(e -> !e.cancelled() && !e.series() && !e.exception()).toList();
        CalendarEvent renamed = primary.get(0);
        CalendarEvent removedEvent = primary.get(1);
        Contact rephoned = truth.contacts().get(0);
        Contact removedContact = truth.contacts().get(1);
        MessageView archived = truth.messages().stream().filter(m -> m.labelIds().contains("INBOX")).findFirst()
                .orElseThrow();
        MessageView trashed = truth.messages().stream().filter(m -> !m.id().equals(archived.id())
                && !m.labelIds().contains("TRASH")).findFirst().orElseThrow();

        List<Map<String, Object>> operations = List.of(
                op(account, "tasks", "create", null, null, Map.of("title", "Written through Syncplane"), "t-new")
                        .with("tasklistId", list.id()),
                op(account, "tasks", "update", completed.id(), version(before, "tasks", completed.id()),
                        Map.of("status", "completed"), "t-done").with("tasklistId", list.id()),
                op(account, "tasks", "delete", removedTask.id(), version(before, "tasks", removedTask.id()),
                        Map.of(), "t-gone").with("tasklistId", list.id()),
                op(account, "calendar", "create", null, null, Map.of("summary", "Lunch via Syncplane",
                        "start", Map.of("dateTime", "2026-12-10T12:00:00Z"),
                        "end", Map.of("dateTime", "2026-12-10T13:00:00Z")), "e-new"),
                op(account, "calendar", "update", renamed.id(), version(before, "calendar", renamed.id()),
                        Map.of("summary", "Renamed via Syncplane"), "e-renamed").with("calendarId", email),
                op(account, "calendar", "delete", removedEvent.id(), version(before, "calendar", removedEvent.id()),
                        Map.of(), "e-gone").with("calendarId", email),
                op(account, "contacts", "create", null, null, Map.of("names", List.of(Map.of("givenName", "Grace",
                        "familyName", "Hopper"))), "c-new"),
                op(account, "contacts", "update", rephoned.resourceName(),
                        version(before, "contacts", rephoned.resourceName()),
                        Map.of("phoneNumbers", List.of(Map.of("value", "+1 555 0100"))), "c-phone"),
                op(account, "contacts", "delete", removedContact.resourceName(),
                        version(before, "contacts", removedContact.resourceName()), Map.of(), "c-gone"),
                op(account, "gmail", "update", archived.id(), null, Map.of("removeLabelIds", List.of("INBOX"),
                        "addLabelIds", List.of("STARRED")), "m-archive"),
                op(account, "gmail", "update", trashed.id(), null, Map.of("trash", true), "m-trash"));

        ApiClient.Response upload = client.post("/v1/users/" + account.userId() + "/changes",
                Map.of("operations", operations));
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);
        Map<String, JsonNode> applied = awaitFinal(upload.json());
        assertThat(applied.values()).allSatisfy(op -> assertThat(op.get("state").asString())
                .as(op.toString()).isEqualTo("applied"));

        GroundTruth after = emulator.admin().groundTruth(email);
        TaskListView listAfter = after.taskLists().stream().filter(l -> l.id().equals(list.id())).findFirst()
                .orElseThrow();
        String newTask = applied.get("t-new").get("result").get("id").asString();
        assertThat(listAfter.tasks()).extracting(EmulatedTask::title).containsOnlyOnce("Written through Syncplane");
        assertThat(listAfter.tasks()).filteredOn(t -> t.id().equals(completed.id())).singleElement()
                .satisfies(t -> assertThat(t.status()).isEqualTo("completed"));
        assertThat(listAfter.tasks()).extracting(EmulatedTask::id).doesNotContain(removedTask.id()).contains(newTask);
        List<CalendarEvent> primaryAfter = after.eventsByCalendar().get(email);
        String newEvent = applied.get("e-new").get("result").get("id").asString();
        assertThat(primaryAfter).filteredOn(e -> e.id().equals(newEvent)).singleElement()
                .satisfies(e -> assertThat(e.summary()).isEqualTo("Lunch via Syncplane"));
        assertThat(primaryAfter).filteredOn(e -> e.id().equals(renamed.id())).singleElement()
                .satisfies(e -> assertThat(e.summary()).isEqualTo("Renamed via Syncplane"));
        assertThat(primaryAfter).filteredOn(e -> e.id().equals(removedEvent.id()))
                .allSatisfy(e -> assertThat(e.cancelled()).isTrue());
        String newContact = applied.get("c-new").get("result").get("id").asString();
        assertThat(after.contacts()).filteredOn(c -> c.resourceName().equals(newContact)).singleElement()
                .satisfies(c -> assertThat(c.givenName()).isEqualTo("Grace"));
        assertThat(after.contacts()).filteredOn(c -> c.resourceName().equals(rephoned.resourceName()))
                .singleElement().satisfies(c -> assertThat(c.phone()).isEqualTo("+1 555 0100"));
        assertThat(after.contacts()).extracting(Contact::resourceName).doesNotContain(removedContact.resourceName());
        assertThat(after.messages()).filteredOn(m -> m.id().equals(archived.id())).singleElement()
                .satisfies(m -> assertThat(m.labelIds()).contains("STARRED").doesNotContain("INBOX"));
        assertThat(after.messages()).filteredOn(m -> m.id().equals(trashed.id())).singleElement()
                .satisfies(m -> assertThat(m.labelIds()).contains("TRASH"));

        // each write is in the feed once, with Google's answer and the version the status names
        Feed written = readAll(client, account.userId(), before.next());
        assertThat(written.keys()).containsExactlyInAnyOrder(
                "tasks upsert " + newTask, "tasks upsert " + completed.id(), "tasks delete " + removedTask.id(),
                "calendar upsert " + newEvent, "calendar upsert " + renamed.id(),
                "calendar " + cancelledOp(written, removedEvent.id()) + " " + removedEvent.id(),
                "contacts upsert " + newContact, "contacts upsert " + rephoned.resourceName(),
                "contacts delete " + removedContact.resourceName(),
                "gmail upsert " + archived.id(), "gmail upsert " + trashed.id());
        JsonNode renamedChange = written.find("calendar", renamed.id());
        assertThat(renamedChange.get("version").asLong())
                .isEqualTo(applied.get("e-renamed").get("result").get("version").asLong());
        assertThat(renamedChange.get("data").get("raw").get("etag").asString())
                .isEqualTo(applied.get("e-renamed").get("result").get("etag").asString());

        // the writes come back from Google in the next syncs: recognised as echoes, not reported again
        Map<String, Instant> synced = awaitSyncedAfter(client, account.userId(), Map.of());
        assertThat(client.post("/v1/users/" + account.userId() + "/sync", "{}").status()).isEqualTo(202);
        awaitSyncedAfter(client, account.userId(), synced);
        assertThat(readAll(client, account.userId(), written.next()).changes()).as("no echo, no ping-pong").isEmpty();

        // a retried upload (same idempotency keys) returns the first results and sends nothing again
        ApiClient.Response retried = client.post("/v1/users/" + account.userId() + "/changes",
                Map.of("operations", operations));
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().get("operations")).allSatisfy(op ->
                assertThat(op.get("duplicate").asBoolean()).isTrue());
        assertThat(emulator.admin().groundTruth(email).taskLists().stream().flatMap(l -> l.tasks().stream())
                .filter(t -> t.title().equals("Written through Syncplane")).count()).isEqualTo(1);
    }

    @Test
    void a_change_google_made_after_the_base_version_is_a_recorded_conflict_and_app_fields_survive_a_resync()
            throws Exception {
        String email = emulator.admin().email(2);
        Account account = link(email, "conflicts");
        Feed before = readAll(client, account.userId(), null);
        TaskListView list = emulator.admin().groundTruth(email).taskLists().stream()
                .filter(l -> !l.tasks().isEmpty()).findFirst().orElseThrow();
        EmulatedTask task = list.tasks().get(0);
        long base = version(before, "tasks", task.id());
        emulator.admin().updateTask(email, list.id(), task.id(), TaskChange.title("changed at Google"));

        // the application's change was made an hour ago: Google's is newer and wins under newer-wins
        Map<String, Object> stale = op(account, "tasks", "update", task.id(), base, Map.of("title", "mine"), "stale")
                .with("tasklistId", list.id()).with("modifiedAt", Instant.now().minus(Duration.ofHours(1)).toString());
        ApiClient.Response upload = client.post("/v1/users/" + account.userId() + "/changes",
                Map.of("operations", List.of(stale)));
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);
        JsonNode result = awaitFinal(upload.json()).get("stale");
        assertThat(result.get("state").asString()).as(result.toString()).isEqualTo("conflict");
        assertThat(result.get("conflicts").get(0).get("decision").asString()).isEqualTo("google_won");
        assertThat(emulator.admin().groundTruth(email).taskLists().stream().flatMap(l -> l.tasks().stream())
                .filter(t -> t.id().equals(task.id())).findFirst().orElseThrow().title())
                .isEqualTo("changed at Google");
        JsonNode conflicts = client.get("/v1/users/" + account.userId() + "/conflicts").json().get("conflicts");
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).get("applicationVersion").get("title").asString()).isEqualTo("mine");
        assertThat(conflicts.get(0).get("googleVersion").get("title").asString()).isEqualTo("changed at Google");

        // application-owned fields next to a contact survive a forced full resync
        Feed now = readAll(client, account.userId(), null);
        JsonNode contact = now.changes().stream().filter(c -> c.get("source").asString().equals("contacts")
                && c.get("op").asString().equals("upsert")).findFirst().orElseThrow();
        ApiClient.Response app = client.post("/v1/users/" + account.userId() + "/changes", Map.of("operations",
                List.of(op(account, "contacts", "update", contact.get("id").asString(),
                        contact.get("version").asLong(), Map.of(), "crm").with("appFields",
                        Map.of("dealStage", "negotiation")))));
        assertThat(app.status()).as(app.body()).isEqualTo(202);
        Map<String, Instant> synced = awaitSyncedAfter(client, account.userId(), Map.of());
        assertThat(client.post("/v1/connections/" + account.connectionId() + "/sources/contacts/sync",
                Map.of("full", true)).status()).isEqualTo(202);
        Map<String, Instant> onlyContacts = new HashMap<>();
        onlyContacts.put("contacts", synced.get("contacts"));
        awaitSyncedAfter(client, account.userId(), onlyContacts);
        JsonNode latest = readAll(client, account.userId(), null).find("contacts", contact.get("id").asString());
        assertThat(latest.get("fields").get("dealStage").asString()).isEqualTo("negotiation");
        assertThat(latest.get("fieldOrigins").get("dealStage").asString()).isEqualTo("application");
    }

    private static Account link(String email, String externalId) throws InterruptedException {
        long userId = client.post("/v1/users", Map.of("externalId", externalId)).json().get("id").asLong();
        long connectionId = linkThroughOAuth(client, userId, email);
        awaitSyncedAfter(client, userId, Map.of());
        return new Account(userId, connectionId);
    }

    /** Polls every operation's status until all are final; by idempotency key. */
    private static Map<String, JsonNode> awaitFinal(JsonNode accepted) throws InterruptedException {
        Instant deadline = Instant.now().plus(APPLY_TIMEOUT);
        Map<String, JsonNode> done = new LinkedHashMap<>();
        List<String> urls = new ArrayList<>();
        accepted.get("operations").forEach(op -> urls.add(op.get("status").asString()));
        while (done.size() < urls.size()) {
            for (String url : urls) {
                JsonNode status = client.get(url).json();
                if (List.of("applied", "conflict", "failed").contains(status.get("state").asString())) {
                    done.put(status.get("idempotencyKey").asString(), status);
                }
            }
            assertThat(Instant.now()).as("operations final in time: " + done.keySet()).isBefore(deadline);
            Thread.sleep(200);
        }
        return done;
    }

    private static String cancelledOp(Feed feed, String eventId) {
        // a deleted event is a cancelled event at Google: stored as a tombstone
        return feed.find("calendar", eventId).get("op").asString();
    }

    private static long version(Feed feed, String source, String id) {
        return feed.find(source, id).get("version").asLong();
    }

    private static ChangeOperation op(Account account, String source, String kind, String id, Long baseVersion,
                                      Map<String, Object> fields, String key) {
        return ChangeOperation.of(account.connectionId(), source, kind, id, baseVersion, fields, key);
    }

    private record Account(long userId, long connectionId) {
    }
}
