package io.syncplane.api.push;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which connections a Gmail push is for. The notification names only the mailbox, and two users may have linked the
 * same Google account, so it can be several; removed connections and those waiting for re-authorisation are left out
 * (nothing of theirs can sync). Call it in an operator transaction: a push belongs to no API caller.
 */
public final class PushedAccounts {

    private final JdbcClient jdbc;

    public PushedAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Active connections of the (lower-cased, as stored) account address. */
    public List<Long> activeConnections(String accountEmail) {
        return jdbc.sql("SELECT id FROM google_connection WHERE account_email = ? AND status = 'active' ORDER BY id")
                .param(accountEmail).query(Long.class).list();
    }
}
