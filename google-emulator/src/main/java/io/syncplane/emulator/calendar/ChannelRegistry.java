package io.syncplane.emulator.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** All open Calendar channels; channel ids are unique across the emulator, as they are per project at Google. */
public final class ChannelRegistry {

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    /** False when the id is taken. */
    public boolean open(Channel channel) {
        return channels.putIfAbsent(channel.id(), channel) == null;
    }

    /** Closes a channel of this user; false when there is no such channel. */
    public boolean stop(String id, String resourceId, String userEmail) {
        Channel channel = channels.get(id);
        if (channel == null || !channel.resourceId().equals(resourceId)
                || !channel.userEmail().equalsIgnoreCase(userEmail)) {
            return false;
        }
        return channels.remove(id, channel);
    }

    public boolean isOpen(String id) {
        return channels.containsKey(id);
    }

    /** Active channels watching one calendar; expired channels are forgotten on the way. */
    public List<Channel> watching(String userEmail, String calendarId, Instant now) {
        channels.values().removeIf(channel -> !channel.activeAt(now));
        return channels.values().stream()
                .filter(channel -> channel.userEmail().equalsIgnoreCase(userEmail)
                        && channel.calendarId().equals(calendarId))
                .toList();
    }

    public List<Channel> ofUser(String userEmail, Instant now) {
        channels.values().removeIf(channel -> !channel.activeAt(now));
        return channels.values().stream().filter(channel -> channel.userEmail().equalsIgnoreCase(userEmail)).toList();
    }
}
