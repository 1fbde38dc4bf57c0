package io.syncplane.emulator.push;

import io.syncplane.emulator.gmail.GmailWatch;
import io.syncplane.emulator.http.Json;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Gmail's Pub/Sub push: a wrapped message whose base64 data is {@code {"emailAddress","historyId"}}, signed with an
 * OIDC JWT. Changes are coalesced so a user gets at most one notification per interval, carrying the newest history
 * id, one interval after the previous delivery ended. Pacing runs on real time (the scheduler), not the emulator
 * clock: it is about delivery, and a test's fixed clock must not stop pushes.
 */
public final class GmailPushNotifier {

    private static final int[] ACK = {102, 200, 201, 202, 204};

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final PushDelivery delivery;
    private final PushKeys keys;
    private final Supplier<PushSettings> settings;
    private final Map<String, String> topicEndpoints = new ConcurrentHashMap<>();
    private final Map<String, UserPushState> states = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong(1_000_000_000L);
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong undeliverable = new AtomicLong();

    GmailPushNotifier(Clock clock, ScheduledExecutorService scheduler, PushDelivery delivery, PushKeys keys,
                      Supplier<PushSettings> settings) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.delivery = delivery;
        this.keys = keys;
        this.settings = settings;
    }

    void topicEndpoint(String topic, String endpoint) {
        if (endpoint == null) {
            topicEndpoints.remove(topic);
        } else {
            topicEndpoints.put(topic, endpoint);
        }
    }

    /** A watched mailbox changed; the watch's label filter has already matched. */
    void mailboxChanged(String email, GmailWatch watch, long historyId) {
        UserPushState state = states.computeIfAbsent(email, key -> new UserPushState());
        synchronized (state) {
            state.latestHistoryId = Math.max(state.latestHistoryId, historyId);
            state.topic = watch.topicName();
            if (!state.busy) {
                schedule(email, state);
            }
        }
    }

    /** Called holding the state's lock: the next notification goes one interval after the previous delivery. */
    private void schedule(String email, UserPushState state) {
        state.busy = true;
        long interval = settings.get().gmailMinInterval().toNanos();
        long wait = state.lastSentNanos == Long.MIN_VALUE ? 0 : state.lastSentNanos + interval - System.nanoTime();
        scheduler.schedule(() -> fire(email, state), Math.max(0, wait), TimeUnit.NANOSECONDS);
    }

    private void fire(String email, UserPushState state) {
        long historyId;
        String topic;
        synchronized (state) {
            historyId = state.latestHistoryId;
            topic = state.topic;
        }
        CompletableFuture<Void> sent;
        try {
            sent = send(email, historyId, topic);
        } catch (RuntimeException e) {
            sent = CompletableFuture.completedFuture(null);
        }
        sent.whenComplete((ignored, failure) -> {
            synchronized (state) {
                // Paced from the end of the previous delivery, so the receiver never sees two within an interval.
                state.lastSentNanos = System.nanoTime();
                state.busy = false;
                if (state.latestHistoryId > historyId) {
                    schedule(email, state);
                }
            }
        });
    }

    private CompletableFuture<Void> send(String email, long historyId, String topic) {
        PushSettings current = settings.get();
        if (current.gmailDropRate() > 0 && ThreadLocalRandom.current().nextDouble() < current.gmailDropRate()) {
            dropped.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
        String endpoint = topicEndpoints.getOrDefault(topic, current.pubsubEndpoint());
        if (endpoint == null) {
            undeliverable.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
        String messageId = Long.toString(messageIds.incrementAndGet());
        Instant published = clock.instant();
        byte[] body = Json.bytes(envelope(email, historyId, topic, messageId, published));
        String audience = current.audience() != null ? current.audience() : endpoint;
        Supplier<HttpRequest> request = () -> HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + keys.sign(audience, current.serviceAccountEmail(),
                        clock.instant()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return delivery.deliver(request, GmailPushNotifier::acked, status -> true, current.retryBackoff(),
                current.maxAttempts()).thenAccept(ok -> (ok ? delivered : failed).incrementAndGet());
    }

    static ObjectNode envelope(String email, long historyId, String topic, String messageId, Instant published) {
        ObjectNode data = Json.object();
        data.put("emailAddress", email);
        data.put("historyId", historyId);
        ObjectNode message = Json.object();
        message.putObject("attributes");
        message.put("data", Base64.getEncoder().encodeToString(Json.bytes(data)));
        message.put("messageId", messageId);
        message.put("message_id", messageId);
        message.put("publishTime", Json.rfc3339(published));
        message.put("publish_time", Json.rfc3339(published));
        ObjectNode envelope = Json.object();
        envelope.set("message", message);
        envelope.put("subscription", topic.replace("/topics/", "/subscriptions/") + "-push");
        return envelope;
    }

    private static boolean acked(int status) {
        for (int code : ACK) {
            if (code == status) {
                return true;
            }
        }
        return false;
    }

    private static final class UserPushState {
        long lastSentNanos = Long.MIN_VALUE;
        long latestHistoryId;
        String topic;
        boolean busy;
    }
}
