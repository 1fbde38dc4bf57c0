package io.syncplane.emulator.calendar;

import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.RouteTable;
import io.syncplane.emulator.seed.SeedRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/** events.watch and channels.stop. */
public final class CalendarWatchEndpoints {

    private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9\\-_+/=]{1,64}");
    private static final Duration DEFAULT_TTL = Duration.ofDays(7);
    private static final Duration MAX_TTL = Duration.ofDays(30);

    private final Clock clock;
    private final ChannelRegistry channels;
    private final CalendarNotifier notifier;
    private final String rootUrl;

    public CalendarWatchEndpoints(Clock clock, ChannelRegistry channels, CalendarNotifier notifier, String rootUrl) {
        this.clock = clock;
        this.channels = channels;
        this.notifier = notifier;
        this.rootUrl = rootUrl;
    }

    public void register(RouteTable routes) {
        routes.api("POST", "calendar/v3/calendars/{}/events/watch", Api.CALENDAR, 1, this::watch);
        routes.api("POST", "calendar/v3/channels/stop", Api.CALENDAR, 1, this::stop);
    }

    private ApiResponse watch(Call call) {
        EmulatedCalendar calendar = CalendarEndpoints.calendar(call);
        ObjectNode request = Json.parseObject(call.request());
        String id = Json.text(request, "id");
        if (id == null) {
            throw new ApiException(GoogleErrors.calendarRequired("id"));
        }
        if (!CHANNEL_ID.matcher(id).matches()) {
            throw new ApiException(GoogleErrors.calendarInvalid("Invalid channel id: " + id, "id"));
        }
        String type = Json.text(request, "type");
        if (type == null || !(type.equalsIgnoreCase("web_hook") || type.equalsIgnoreCase("webhook"))) {
            throw new ApiException(GoogleErrors.calendarInvalid("Invalid value for type: " + type, "type"));
        }
        String address = Json.text(request, "address");
        if (address == null) {
            throw new ApiException(GoogleErrors.calendarRequired("address"));
        }
        if (!validAddress(address)) {
            throw new ApiException(GoogleErrors.calendarInvalid("Invalid address: " + address, "address"));
        }
        String token = Json.text(request, "token");
        if (token != null && token.length() > 256) {
            throw new ApiException(GoogleErrors.calendarInvalid("Channel token too long.", "token"));
        }
        Instant now = clock.instant();
        Instant expiration = expiration(request, now);
        String resourceId = resourceId(call.user().email(), calendar.id());
        String resourceUri = rootUrl + "calendar/v3/calendars/" + calendar.id() + "/events?alt=json";
        Channel channel = new Channel(id, resourceId, resourceUri, token, address, expiration, call.user().email(),
                calendar.id());
        if (!channels.open(channel)) {
            throw new ApiException(GoogleErrors.calendarChannelIdNotUnique(id));
        }
        notifier.channelOpened(channel);
        ObjectNode body = Json.object();
        body.put("kind", "api#channel");
        body.put("id", id);
        body.put("resourceId", resourceId);
        body.put("resourceUri", resourceUri);
        if (token != null) {
            body.put("token", token);
        }
        body.put("expiration", Long.toString(expiration.toEpochMilli()));
        return ApiResponse.ok(Json.bytes(body));
    }

    private ApiResponse stop(Call call) {
        ObjectNode request = Json.parseObject(call.request());
        String id = Json.text(request, "id");
        String resourceId = Json.text(request, "resourceId");
        if (id == null) {
            throw new ApiException(GoogleErrors.calendarRequired("id"));
        }
        if (resourceId == null) {
            throw new ApiException(GoogleErrors.calendarRequired("resourceId"));
        }
        if (!channels.stop(id, resourceId, call.user().email())) {
            throw new ApiException(GoogleErrors.calendarChannelNotFound(id));
        }
        return ApiResponse.noContent();
    }

    private static Instant expiration(JsonNode request, Instant now) {
        JsonNode requested = request.get("expiration");
        Instant latest = now.plus(MAX_TTL);
        if (requested == null || requested.isNull()) {
            return now.plus(DEFAULT_TTL);
        }
        long millis;
        try {
            millis = Long.parseLong(requested.asString().trim());
        } catch (NumberFormatException e) {
            throw new ApiException(GoogleErrors.calendarInvalid("Invalid expiration: " + requested, "expiration"));
        }
        Instant at = Instant.ofEpochMilli(millis);
        if (!at.isAfter(now)) {
            throw new ApiException(GoogleErrors.calendarInvalid("Expiration is in the past.", "expiration"));
        }
        return at.isAfter(latest) ? latest : at;
    }

    private static boolean validAddress(String address) {
        try {
            URI uri = URI.create(address);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String resourceId(String email, String calendarId) {
        return SeedRandom.of((email + "|" + calendarId).hashCode()).alphanumeric(27);
    }
}
