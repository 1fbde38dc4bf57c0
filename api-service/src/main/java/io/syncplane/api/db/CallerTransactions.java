package io.syncplane.api.db;

import io.syncplane.api.auth.Caller;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction that Postgres knows the caller of. The api-service's sessions work as a role under
 * row-level security; the identity set here ({@code set_config(..., true)}, local to the transaction) is what the
 * policies compare rows with, so even a query that forgets to filter by user cannot return another user's rows. The
 * identity vanishes when the transaction ends, so a pooled connection never carries it to the next request.
 */
public final class CallerTransactions {

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
        jdbc.sql("SELECT set_config('syncplane.caller_user', ?, true), set_config('syncplane.caller_operator', ?, true)")
                .params(caller.user().map(String::valueOf).orElse(""), String.valueOf(caller.isOperator()))
                .query((rs, n) -> 1).single();
    }
}
