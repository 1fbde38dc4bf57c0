package io.syncplane.push;

/** How one (connection, source) learns about changes at Google. {@link #id()} is what the API shows. */
public enum PushStatus {
    /** A live channel that has been heard from recently enough: changes arrive by push, polls are only a safety net. */
    ACTIVE("active"),
    /** No live channel, or one that has gone silent while changes happen: polled often until push is healthy. */
    DEGRADED("degraded"),
    /** The account needs re-authorisation, or the connection or source was removed: neither push nor polls run. */
    DISCONNECTED("disconnected"),
    /** No push for this source (Contacts and Tasks have none at Google, or push is switched off): polled. */
    POLLED_ONLY("polled");

    private final String id;

    PushStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
