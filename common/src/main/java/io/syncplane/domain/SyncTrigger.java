package io.syncplane.domain;

/** Why a sync run was started. Push and manual triggers are latency-sensitive; the queue serves them first. */
public enum SyncTrigger {
    MANUAL("manual"),
    PUSH("push"),
    SCHEDULE("schedule"),
    RECOVERY("recovery");

    private final String id;

    SyncTrigger(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static SyncTrigger fromId(String id) {
        for (SyncTrigger trigger : values()) {
            if (trigger.id.equals(id)) {
                return trigger;
            }
        }
        throw new IllegalArgumentException("unknown sync trigger '" + id + "'");
    }
}
