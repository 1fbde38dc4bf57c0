package io.syncplane.worker.maintenance;

import io.syncplane.connection.ConnectionStore;

/** Re-encrypts refresh tokens still under an older key once a new primary key is configured. */
public class RotateEncryptionKeysTask {

    private static final int BATCH = 500;

    private final ConnectionStore connections;

    public RotateEncryptionKeysTask(ConnectionStore connections) {
        this.connections = connections;
    }

    /** Returns how many tokens it re-encrypted. */
    public int run() {
        int total = 0;
        int rotated;
        do {
            rotated = connections.rotateEncryptionKeys(BATCH);
            total += rotated;
        } while (rotated == BATCH);
        return total;
    }
}
