package io.syncplane.worker.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Counts what the code above it asks Postgres to do, at the JDBC API: every statement executed (a batch counts once,
 * as PgJDBC sends it in one round trip) and every commit and rollback. The shared Postgres does not preload
 * pg_stat_statements and restarting it would break the other users' tests, so this is the exact count instead; with
 * PgJDBC each of these is one round trip (the BEGIN of a transaction travels with its first statement), while what
 * the pool does below this wrapper (validating idle connections) is not counted.
 */
final class CountingDataSource {

    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private final LongAdder statements = new LongAdder();
    private final Map<String, LongAdder> bySql = new ConcurrentHashMap<>();
    private final LongAdder commits = new LongAdder();
    private final LongAdder rollbacks = new LongAdder();

    DataSource wrap(DataSource target) {
        return (DataSource) proxy(DataSource.class, target, (method, args, result) -> method.getName()
                .equals("getConnection") ? proxy(Connection.class, result, this::onConnection) : result);
    }

    Counts counts() {
        return new Counts(statements.sum(), commits.sum(), rollbacks.sum());
    }

    /** Statements executed so far by their SQL (its first 120 characters), for seeing where the count comes from. */
    Map<String, Long> bySql() {
        Map<String, Long> counts = new TreeMap<>();
        bySql.forEach((sql, n) -> counts.put(sql, n.sum()));
        return counts;
    }

    private Object onConnection(Method method, Object[] args, Object result) {
        switch (method.getName()) {
            case "commit" -> commits.increment();
            case "rollback" -> rollbacks.increment();
            default -> {
                if (result instanceof Statement statement) {
                    String prepared = args != null && args.length > 0 && args[0] instanceof String sql ? sql : null;
                    return proxy(statementType(statement), statement,
                            (m, a, r) -> onStatement(m, prepared != null ? prepared
                                    : a != null && a.length > 0 && a[0] instanceof String sql ? sql : "?", r));
                }
            }
        }
        return result;
    }

    private Object onStatement(Method method, String sql, Object result) {
        if (EXECUTES.contains(method.getName())) {
            statements.increment();
            bySql.computeIfAbsent(sql.length() > 120 ? sql.substring(0, 120) : sql, k -> new LongAdder()).increment();
        }
        return result;
    }

    private static Class<? extends Statement> statementType(Statement statement) {
        if (statement instanceof java.sql.CallableStatement) {
            return java.sql.CallableStatement.class;
        }
        return statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
    }

    /** What the wrapped code has done so far; subtract two of these for what happened in between. */
    record Counts(long statements, long commits, long rollbacks) {
        Counts minus(Counts earlier) {
            return new Counts(statements - earlier.statements, commits - earlier.commits,
                    rollbacks - earlier.rollbacks);
        }

        Counts plus(Counts other) {
            return new Counts(statements + other.statements, commits + other.commits,
                    rollbacks + other.rollbacks);
        }

        long roundTrips() {
            return statements + commits + rollbacks;
        }
    }

    private interface AfterCall {
        Object apply(Method method, Object[] args, Object result) throws Exception;
    }

    private static Object proxy(Class<?> type, Object target, AfterCall after) {
        InvocationHandler handler = (self, method, args) -> {
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return method.invoke(target, args);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after.apply(method, args, result);
        };
        return Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
