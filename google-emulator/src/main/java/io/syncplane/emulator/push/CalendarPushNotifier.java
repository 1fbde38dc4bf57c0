package io.syncplane.emulator.push;

import io.syncplane.emulator.calendar.CalendarNotifier;
import io.syncplane.emulator.calendar.Channel;
import io.syncplane.emulator.calendar.ChannelRegistry;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Calendar channel notifications: an empty POST with the X-Goog-* headers; {@code sync} with message number 1 when
 * the channel opens, then {@code exists} with increasing (not consecutive) numbers per change. Deliveries of one
 * channel are sent in order; 5xx answers and connection failures are retried with backoff.
 */
public final class CalendarPushNotifier implements CalendarNotifier {

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final ChannelRegistry channels;
    private final PushDelivery delivery;
    private final Supplier<PushSettings> settings;
    private final Map<String, ChannelState> states = new ConcurrentHashMap<>();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    CalendarPushNotifier(Clock clock, ChannelRegistry channels, PushDelivery delivery,
                         Supplier<PushSettings> settings) {
        this.clock = clock;
        this.channels = channels;
        this.delivery = delivery;
        this.settings = settings;
    }

    @Override
    public void channelOpened(Channel channel) {
        ChannelState state = new ChannelState();
        states.put(channel.id(), state);
        send(channel, state, "sync");
    }

    @Override
    public void calendarChanged(String userEmail, String calendarId) {
        for (Channel channel : channels.watching(userEmail, calendarId, clock.instant())) {
            ChannelState state = states.get(channel.id());
            if (state != null) {
                send(channel, state, "exists");
            }
        }
    }

    private void send(Channel channel, ChannelState state, String resourceState) {
        synchronized (state) {
            long number = state.nextNumber;
            state.nextNumber += 1 + ThreadLocalRandom.current().nextInt(3);
            state.chain = state.chain.thenCompose(ignored -> deliver(channel, resourceState, number));
        }
    }

    private CompletableFuture<Void> deliver(Channel channel, String resourceState, long number) {
        if (!channels.isOpen(channel.id())) {
            states.remove(channel.id());
            return CompletableFuture.completedFuture(null);
        }
        PushSettings current = settings.get();
        Supplier<HttpRequest> request = () -> {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(channel.address()))
                    .timeout(Duration.ofSeconds(10))
                    .header("X-Goog-Channel-ID", channel.id())
                    .header("X-Goog-Channel-Expiration", RFC_1123.format(channel.expiration()))
                    .header("X-Goog-Resource-ID", channel.resourceId())
                    .header("X-Goog-Resource-URI", channel.resourceUri())
                    .header("X-Goog-Resource-State", resourceState)
                    .header("X-Goog-Message-Number", Long.toString(number))
                    .POST(HttpRequest.BodyPublishers.noBody());
            if (channel.token() != null) {
                builder.header("X-Goog-Channel-Token", channel.token());
            }
            return builder.build();
        };
        return delivery.deliver(request, status -> status >= 200 && status < 300, status -> status >= 500,
                        current.retryBackoff(), current.maxAttempts())
                .thenAccept(ok -> (ok ? delivered : failed).incrementAndGet());
    }

    private static final class ChannelState {
        long nextNumber = 1;
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    }
}
