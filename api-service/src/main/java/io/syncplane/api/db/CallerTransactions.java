package io.syncplane.api.db;

import io.syncplane.api.auth.Caller;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction that Postgres knows the caller of. The api-service's sessions work as the role
 * {@code syncplane_api}, under row-level security: a user's transaction names its user
 * ({@code set_config('syncplane.caller_user', id, true)}), which the policies compare rows with, so even a query that
 * forgets to filter by user cannot return another user's rows; an operator's transaction switches to
 * {@code syncplane_api_operator} ({@code SET LOCAL ROLE}), whose policies let it see every row. Both are local to the
 * transaction, so a pooled connection never carries them to the next request (schema: 008-api-access.sql).
 */
public final class CallerTransactions {

    /** The role whose policies show every row; the session's own role is syncplane_api (application.yml). */
    public static final String OPERATOR_ROLE = "syncplane_api_operator";

    private final JdbcClient jdbc;
    private final TransactionTemplate readWrite;
    private final TransactionTemplate readOnly;

    public CallerTransactions(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readWrite = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    public <T> T write(Caller caller, Supplier<T> work) {
        return readWrite.execute(status -> {
            identify(caller);
            return work.get();
        });
    }

    public <T> T read(Caller caller, Supplier<T> work) {
        return readOnly.execute(status -> {
            identify(caller);
            return work.get();
        });
    }

    private void identify(Caller caller) {
        if (caller.isOperator()) {
            jdbc.sql("SET LOCAL ROLE " + OPERATOR_ROLE).update();
        } else {
            jdbc.sql("SELECT set_config('syncplane.caller_user', ?, true)")
                    .param(String.valueOf(caller.userId())).query((rs, n) -> 1).single();
        }
    }
}
