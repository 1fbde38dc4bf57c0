package io.syncplane.feed;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * The opaque cursor a consumer passes back as {@code since}: the database it came from and the feed position it
 * stands at. On the wire it is base64url (no padding) of a version byte, the database id and the position, so the
 * format can change later without misreading old cursors.
 */
public record FeedCursor(UUID databaseId, FeedPosition position) {

    private static final byte VERSION = 1;
    private static final int LENGTH = 1 + 16 + 8 + 8;

    public FeedCursor {
        Objects.requireNonNull(databaseId, "databaseId");
        Objects.requireNonNull(position, "position");
    }

    public String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(LENGTH).put(VERSION)
                .putLong(databaseId.getMostSignificantBits()).putLong(databaseId.getLeastSignificantBits())
                .putLong(position.xid()).putLong(position.seq());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /**
     * @throws ResyncRequiredException ({@link ResyncRequiredException.Reason#MALFORMED_CURSOR}) for anything this
     *                                 class did not encode
     */
    public static FeedCursor parse(String text) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(Objects.requireNonNullElse(text, ""));
        } catch (IllegalArgumentException e) {
            throw malformed("not base64url");
        }
        if (raw.length != LENGTH) {
            throw malformed("wrong length");
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw);
        if (bytes.get() != VERSION) {
            throw malformed("unknown cursor version");
        }
        UUID database = new UUID(bytes.getLong(), bytes.getLong());
        long xid = bytes.getLong();
        long seq = bytes.getLong();
        if (xid < 0 || seq < 0) {
            throw malformed("position out of range");
        }
        return new FeedCursor(database, new FeedPosition(xid, seq));
    }

    private static ResyncRequiredException malformed(String why) {
        return new ResyncRequiredException(ResyncRequiredException.Reason.MALFORMED_CURSOR,
                "the change feed cursor is malformed (" + why + ")");
    }

    @Override
    public String toString() {
        return encode();
    }
}
