package io.healthmonitor.jdbc;

import io.healthmonitor.Redactor;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The common ways a database check fails, told apart from the exception chain so operators read
 * "authentication failed" rather than a driver's class name. Shown in the {@code failure} detail.
 */
enum Failure {
    CONNECTION_REFUSED("connection refused"),
    UNKNOWN_HOST("unknown host"),
    AUTHENTICATION_FAILED("authentication failed"),
    UNKNOWN_DATABASE("unknown database"),
    TLS_FAILURE("TLS failure"),
    /** The server answered, but not in the database's protocol: another service listens there. */
    PROTOCOL_ERROR("protocol error"),
    /** Every connection the pool may have is in use: the application holds them all. */
    POOL_EXHAUSTED("pool exhausted"),
    TIMEOUT("timeout"),
    POOL_UNAVAILABLE("pool unavailable"),
    VALIDATION_FAILED("validation failed"),
    CONNECTION_FAILED("connection failed"),
    QUERY_FAILED("query failed");

    /** PostgreSQL's protocol_violation: what pgjdbc reports when the other end does not speak PostgreSQL's protocol. */
    private static final String POSTGRES_PROTOCOL_VIOLATION = "08P01";
    /** The most of a driver's words kept after a protocol error: what the other end sent may be in them. */
    private static final int MAX_PROTOCOL_ERROR_TEXT = 200;

    private final String summary;
    private final String label;

    Failure(String summary) {
        this.summary = summary;
        this.label = name().toLowerCase(Locale.ROOT);
    }

    /** The detail value, such as {@code authentication_failed}. */
    String label() {
        return label;
    }

    /** A message that starts with the kind of failure and ends with the driver's own words, redacted. */
    String message(String text) {
        return summary + ": " + Redactor.redact(text);
    }

    /** Whether a connection that failed this way must not be used again (handed back to a pool as it is). */
    boolean breaksConnection() {
        return this != QUERY_FAILED;
    }

    /**
     * Classifies a failure to get, validate or query a connection.
     *
     * @param error what was thrown
     */
    static Failure of(Throwable error) {
        Failure specific = specificInChain(error);
        if (specific != null) {
            return specific;
        }
        if (error instanceof InterruptedException || error instanceof TimeoutException
                || error instanceof SQLTransientConnectionException) {
            return TIMEOUT;
        }
        if (error instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            return CONNECTION_FAILED;
        }
        return QUERY_FAILED;
    }

    /**
     * Classifies an error a pool recorded while opening or testing a connection: never a query
     * failure, whatever the driver's SQLState (MariaDB reports a closed connection as 42000).
     */
    static Failure ofConnectionError(Throwable error) {
        Failure specific = specificInChain(error);
        if (specific != null) {
            return specific;
        }
        // "This connection has been closed" (08003): a connection closed under an attempt that got no
        // answer, not a cause of its own. Seen as the pool's last error while PostgreSQL was frozen:
        // reported "connection failed" there, then "timeout" once the pool's next attempt timed out.
        return error instanceof SQLException sql && "08003".equals(sql.getSQLState()) ? TIMEOUT : CONNECTION_FAILED;
    }

    /**
     * The error's message followed by its root cause's, when that says more: "The connection
     * attempt failed. (Connection reset)". Not redacted yet: {@link #message(String)} does it.
     */
    static String describe(Throwable error) {
        String text = error.getMessage() == null ? error.getClass().getName() : error.getMessage();
        Throwable root = error;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 10; depth++) {
            root = root.getCause();
        }
        String rootText = root.getMessage();
        return root == error || rootText == null || text.contains(rootText) ? text : text + " (" + rootText + ")";
    }

    /**
     * Describes a failure to open a connection to {@code server}: as {@link #describe(Throwable)},
     * except that a protocol error says that the server did not answer as PostgreSQL, with the
     * driver's words cut to {@value #MAX_PROTOCOL_ERROR_TEXT} characters. Not redacted yet.
     *
     * @param server the hosts and ports the DataSource connects to, or null when unknown
     */
    static String describeConnectionError(Throwable error, @Nullable String server) {
        String text = describe(error);
        if (ofConnectionError(error) != PROTOCOL_ERROR) {
            return text;
        }
        String driver = text;
        if (text.length() > MAX_PROTOCOL_ERROR_TEXT) {
            int end = Character.isHighSurrogate(text.charAt(MAX_PROTOCOL_ERROR_TEXT - 1))
                    ? MAX_PROTOCOL_ERROR_TEXT - 1 : MAX_PROTOCOL_ERROR_TEXT;
            driver = text.substring(0, end) + "\u2026";
        }
        return (server == null ? "the server" : "the server at " + server) + " did not answer as PostgreSQL (driver: "
                + driver + ")";
    }

    private static @Nullable Failure specificInChain(Throwable error) {
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < 10; cause = cause.getCause(), depth++) {
            Failure specific = specific(cause);
            if (specific != null) {
                return specific;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static @Nullable Failure specific(Throwable cause) {
        if (cause instanceof ConnectException) {
            return CONNECTION_REFUSED;
        }
        if (cause instanceof UnknownHostException) {
            return UNKNOWN_HOST;
        }
        if (cause instanceof SSLException) {
            return TLS_FAILURE;
        }
        if (cause instanceof SocketTimeoutException || cause instanceof SQLTimeoutException) {
            return TIMEOUT;
        }
        if (!(cause instanceof SQLException sql)) {
            return null;
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        int code = sql.getErrorCode();
        String text = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
        if (state.startsWith("28") || code == 1045 || code == 28000) {
            return AUTHENTICATION_FAILED; // 28000/28P01; MySQL/MariaDB 1045; H2 28000
        }
        if (state.equals("3D000") || code == 1049 || code == 90146 || code == 90149) {
            return UNKNOWN_DATABASE; // PostgreSQL 3D000; MySQL/MariaDB 1049; H2 database not found
        }
        if (state.equals(POSTGRES_PROTOCOL_VIOLATION)) {
            // Before TLS: pgjdbc's first question is whether the server takes TLS, so junk is
            // reported "An error occurred while setting up the SSL connection." (08P01).
            return PROTOCOL_ERROR;
        }
        if (state.startsWith("08") && (text.contains("ssl") || text.contains("tls"))) {
            return TLS_FAILURE; // e.g. "The server does not support SSL", "ssl not enabled in the server"
        }
        if (text.contains("connection refused")) {
            return CONNECTION_REFUSED;
        }
        return null;
    }
}
