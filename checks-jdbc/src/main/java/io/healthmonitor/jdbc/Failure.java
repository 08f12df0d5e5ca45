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
    POOL_TIMEOUT("pool timeout"),
    TIMEOUT("timeout"),
    POOL_UNAVAILABLE("pool unavailable"),
    VALIDATION_FAILED("validation failed"),
    CONNECTION_FAILED("connection failed"),
    QUERY_FAILED("query failed");

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

    /**
     * Classifies a failure to get or validate a connection.
     *
     * @param error  what was thrown
     * @param pooled whether the connection came from a pool the check can see (timeouts are pool timeouts)
     */
    static Failure of(Throwable error, boolean pooled) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            Failure specific = specific(cause);
            if (specific != null) {
                return specific;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (error instanceof InterruptedException) {
            return TIMEOUT;
        }
        if (error instanceof SQLTransientConnectionException || error instanceof TimeoutException) {
            return pooled ? POOL_TIMEOUT : TIMEOUT;
        }
        if (error instanceof SQLTimeoutException || error instanceof SocketTimeoutException) {
            return TIMEOUT;
        }
        if (error instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            return CONNECTION_FAILED;
        }
        return QUERY_FAILED;
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
        if (state.startsWith("08") && (text.contains("ssl") || text.contains("tls"))) {
            return TLS_FAILURE; // e.g. "The server does not support SSL", "ssl not enabled in the server"
        }
        if (text.contains("connection refused")) {
            return CONNECTION_REFUSED;
        }
        return null;
    }
}
