package io.syncplane.push;

import static io.syncplane.persistence.JdbcTime.timestamp;

import io.syncplane.domain.Source;
import io.syncplane.persistence.JdbcTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The push_channel table. Every statement runs on the given {@link JdbcClient}, so it joins the caller's transaction
 * when there is one; each write is a single statement, so none needs a transaction of its own.
 */
public final class PushChannelStore {

    private static final String COLUMNS = "id, connection_id, user_id, source, channel_id, resource_id, calendar_id, "
            + "token_hash, expires_at, status, created_at, last_notification_at, last_message_number, stopped_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    public PushChannelStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public PushChannel insert(NewPushChannel channel) {
        return jdbc.sql("INSERT INTO push_channel (connection_id, user_id, source, channel_id, resource_id, "
                        + "calendar_id, token_hash, expires_at, status, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?) RETURNING " + COLUMNS)
                .params(channel.connectionId(), channel.userId(), channel.source().id(), channel.channelId(),
                        channel.resourceId(), channel.calendarId(), channel.tokenHash(),
                        timestamp(channel.expiresAt()), timestamp(clock.instant()))
                .query(PushChannelStore::map).single();
    }

    public Optional<PushChannel> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM push_channel WHERE id = ?").param(id)
                .query(PushChannelStore::map).optional();
    }

    /** The channel a notification names, if Syncplane holds it and has not stopped it. */
    public Optional<PushChannel> findActive(String channelId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM push_channel WHERE channel_id = ? AND status = 'active'")
                .param(channelId).query(PushChannelStore::map).optional();
    }

    /** Active channels of one source, newest expiry first (during a Calendar renewal there are two). */
    public List<PushChannel> active(long connectionId, Source source) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM push_channel WHERE connection_id = ? AND source = ?"
                        + " AND status = 'active' ORDER BY expires_at DESC, id DESC")
                .params(connectionId, source.id()).query(PushChannelStore::map).list();
    }

    /** The connection's current Gmail watch: Gmail keeps one watch per mailbox, a re-watch replaces it. */
    public Optional<PushChannel> activeGmailWatch(long connectionId) {
        return active(connectionId, Source.GMAIL).stream().findFirst();
    }

    /** Stopped at Google or gone there; idempotent, and the first stop time is kept. */
    public void markStopped(long id) {
        jdbc.sql("UPDATE push_channel SET status = 'stopped', stopped_at = ? WHERE id = ? AND status = 'active'")
                .params(timestamp(clock.instant()), id).update();
    }

    /** Active channels expiring before the cutoff, soonest first (the renewal scan). */
    public List<PushChannel> expiringBefore(Instant cutoff, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM push_channel WHERE status = 'active' AND expires_at < ?"
                        + " ORDER BY expires_at, id LIMIT ?")
                .params(timestamp(cutoff), limit).query(PushChannelStore::map).list();
    }

    /** Active Gmail watches last (re-)watched before the cutoff, oldest first: Google advises re-watching daily. */
    public List<PushChannel> gmailWatchesOlderThan(Instant cutoff, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM push_channel WHERE status = 'active' AND source = 'gmail'"
                        + " AND created_at < ? ORDER BY created_at, id LIMIT ?")
                .params(timestamp(cutoff), limit).query(PushChannelStore::map).list();
    }

    /**
     * Active channels that must be stopped, by id after {@code afterId}: their connection is removed, or their source's
     * sync state is disabled or gone. Paged by id so a channel whose stop keeps failing does not hide the others.
     */
    public List<PushChannel> activeWithoutLiveSource(long afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS.replaceAll("(\\w+)", "p.$1") + " FROM push_channel p"
                        + " JOIN google_connection c ON c.id = p.connection_id"
                        + " LEFT JOIN sync_state s ON s.connection_id = p.connection_id AND s.source = p.source"
                        + " WHERE p.status = 'active' AND p.id > ?"
                        + " AND (c.status = 'removed' OR s.id IS NULL OR s.status = 'disabled')"
                        + " ORDER BY p.id LIMIT ?")
                .params(afterId, limit).query(PushChannelStore::map).list();
    }

    public List<PushChannel> activeWithoutLiveSource(int limit) {
        return activeWithoutLiveSource(0, limit);
    }

    /**
     * Records a notification on a live channel in one atomic UPDATE. With a message number, it counts only when higher
     * than every number seen before: false means a duplicate or stale message (or a channel that is no longer active),
     * and nothing was changed.
     */
    public boolean recordNotification(long id, Long messageNumber, Instant at) {
        return jdbc.sql("UPDATE push_channel SET last_notification_at = greatest(last_notification_at, ?),"
                        + " last_message_number = coalesce(?, last_message_number)"
                        + " WHERE id = ? AND status = 'active'"
                        + " AND (?::bigint IS NULL OR last_message_number IS NULL OR last_message_number < ?)")
                .params(timestamp(at), messageNumber, id, messageNumber, messageNumber)
                .update() == 1;
    }

    /** A Pub/Sub push for the connection's mailbox: Gmail names no channel, so it lands on the active watch. */
    public void recordGmailNotification(long connectionId, Instant at) {
        jdbc.sql("UPDATE push_channel SET last_notification_at = greatest(last_notification_at, ?)"
                        + " WHERE connection_id = ? AND source = 'gmail' AND status = 'active'")
                .params(timestamp(at), connectionId).update();
    }

    /** Whether a notification's token is the channel's, compared in constant time. */
    public static boolean tokenMatches(PushChannel channel, String token) {
        byte[] expected = channel.tokenHash();
        if (expected == null || token == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, hashToken(token));
    }

    /** SHA-256 of a channel token: tokens are 256 random bits, so a fast hash is enough (nothing to brute-force). */
    public static byte[] hashToken(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static PushChannel map(ResultSet rs, int row) throws SQLException {
        return new PushChannel(rs.getLong("id"), rs.getLong("connection_id"), rs.getLong("user_id"),
                Source.require(rs.getString("source")), rs.getString("channel_id"), rs.getString("resource_id"),
                rs.getString("calendar_id"), rs.getBytes("token_hash"), JdbcTime.instant(rs, "expires_at"),
                PushChannel.Status.fromId(rs.getString("status")), JdbcTime.instant(rs, "created_at"),
                JdbcTime.instant(rs, "last_notification_at"), JdbcTime.nullableLong(rs, "last_message_number"),
                JdbcTime.instant(rs, "stopped_at"));
    }
}
