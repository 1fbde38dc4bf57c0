package io.syncplane.startup;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens (and closes) one plain JDBC connection with the service's own URL and credentials, before the pool and the
 * migrations touch the database, and tells "not up yet" from "configured wrong" by SQLState.
 */
final class PostgresProbe implements BackendProbe {

    static final String URL_SETTING = "spring.datasource.url (SYNCPLANE_DB_URL)";
    private static final String CREDENTIALS_SETTING =
            "spring.datasource.username/password (SYNCPLANE_DB_USER, SYNCPLANE_DB_PASSWORD)";
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/?]*)/?([^?]*)");

    private final String url;
    private final String user;
    private final String password;

    PostgresProbe(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** host:port, for messages. */
    String address() {
        Matcher m = URL.matcher(url);
        return m.lookingAt() && !m.group(1).isEmpty() ? m.group(1) : url;
    }

    private String database() {
        Matcher m = URL.matcher(url);
        return m.lookingAt() && !m.group(2).isEmpty() ? m.group(2) : user;
    }

    @Override
    public Optional<String> attempt() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "10");
        try (Connection ignored = DriverManager.getConnection(url, properties)) {
            return Optional.empty();
        } catch (SQLException e) {
            return classify(e);
        }
    }

    private Optional<String> classify(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = String.valueOf(e.getMessage());
        switch (state) {
            case "3D000" -> throw new InvalidSettingException(URL_SETTING,
                    "database \"" + database() + "\" does not exist on " + address(),
                    "create it (createdb -h " + host() + " -p " + port() + " -U " + user + " " + database()
                            + ") or point SYNCPLANE_DB_URL at an existing database", e);
            case "28P01", "28000" -> throw new InvalidSettingException(CREDENTIALS_SETTING,
                    "Postgres at " + address() + " refused user \"" + user + "\" (" + message + ")",
                    "set SYNCPLANE_DB_USER and SYNCPLANE_DB_PASSWORD to a role that may log in there", e);
            default -> {
                if (state.isEmpty() && message.startsWith("No suitable driver")) {
                    throw new InvalidSettingException(URL_SETTING, "\"" + url + "\" is not a Postgres JDBC URL",
                            "use jdbc:postgresql://host:port/database", e);
                }
                // 08xxx (refused, timed out, unknown host), 57P03 (starting up), 53300 (too many connections):
                // all may pass by themselves, so they are worth waiting for
                return Optional.of(networkReason(e).orElse(message));
            }
        }
    }

    /** "connection refused" rather than the driver's paragraph about postmasters. */
    private static Optional<String> networkReason(SQLException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return Optional.of("connection refused");
            }
            if (t instanceof SocketTimeoutException) {
                return Optional.of("connect timed out");
            }
            if (t instanceof UnknownHostException) {
                return Optional.of("unknown host " + t.getMessage());
            }
        }
        return Optional.empty();
    }

    private String host() {
        String address = address();
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }

    private String port() {
        String address = address();
        int colon = address.lastIndexOf(':');
        return colon < 0 ? "5432" : address.substring(colon + 1);
    }
}
