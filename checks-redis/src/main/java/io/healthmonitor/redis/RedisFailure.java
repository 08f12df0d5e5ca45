package io.healthmonitor.redis;

import io.healthmonitor.HealthResult;
import io.healthmonitor.Redactor;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.protocol.RedisProtocolException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a probe failed with into a result an operator can act on. Redis error replies
 * ({@code NOAUTH}, {@code WRONGPASS}, {@code LOADING}, ...) are recognised by their first word,
 * wherever they sit in the cause chain (Lettuce wraps a handshake's error reply in a connection
 * exception); transport failures by their type. The message never quotes a URI unredacted.
 */
final class RedisFailure {

    private static final int MAX_CAUSES = 16;

    private RedisFailure() {
    }

    /**
     * A failed probe.
     *
     * @param message         what an operator reads
     * @param connectionError whether it counts in {@code redis_connection_errors_total}: Redis
     *                        could not be reached, refused the credentials, or did not answer in time
     */
    record Outcome(String message, boolean connectionError) {
    }

    /**
     * Classifies what a probe failed with.
     *
     * @param failure      what the probe's stage failed with
     * @param elapsedNanos how long the probe had been waiting when it failed, for timeouts that do
     *                     not say it themselves (Lettuce's own command timeout of the application's connection)
     * @param endpoint     {@code host:port} when the check knows it, else null
     */
    static Outcome classify(Throwable failure, long elapsedNanos, @Nullable String endpoint) {
        Throwable error = unwrap(failure);
        String where = where(endpoint);
        Outcome reply = errorReply(error, where);
        if (reply != null) {
            return reply;
        }
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < MAX_CAUSES; cause = cause.getCause(), depth++) {
            if (cause instanceof ProbeTimeout) {
                return new Outcome(String.valueOf(cause.getMessage()), true);
            }
            if (timeout(cause)) {
                return new Outcome("timed out after " + millis(elapsedNanos) + " ms waiting for " + where, true);
            }
            if (cause instanceof ConnectException) {
                String text = lower(cause.getMessage());
                if (text.contains("refused")) {
                    return new Outcome("connection refused by " + where, true);
                }
                if (text.contains("timed out")) {
                    return new Outcome("timed out connecting to " + where, true);
                }
                return new Outcome("cannot connect to " + where + ": " + redact(cause), true);
            }
            if (cause instanceof RedisProtocolException) {
                // Something answered, but not in RESP: another service on the port, or TLS where plain text was expected.
                return new Outcome(where + " does not answer in the Redis protocol (another service on that port, or"
                        + " TLS expected?): " + protocolProblem(cause), true);
            }
            if (cause instanceof ClosedChannelException || lower(cause.getMessage()).contains("connection closed")) {
                return new Outcome("connection to " + where + " closed", true);
            }
            if (lower(cause.getMessage()).startsWith("currently not connected")) {
                // Lettuce's answer while its connection is down and it rejects commands: what the
                // probe of a connection that died a moment ago meets before the connection notices.
                return new Outcome("disconnected from " + where + "; commands are rejected until the client reconnects", true);
            }
        }
        if (error instanceof RedisConnectionException) {
            return new Outcome("cannot connect to " + where + ": " + redact(error), true);
        }
        return new Outcome(where + " failed: " + redact(error), false);
    }

    /** Whether {@code cause} itself (not its causes) is a timeout that does not say how long was waited. */
    static boolean timeout(Throwable cause) {
        return cause instanceof TimeoutException || cause instanceof RedisCommandTimeoutException
                || cause instanceof CancellationException;
    }

    /** Whether {@code failure} or one of its causes is such a timeout (Lettuce wraps a connect's in a RedisConnectionException). */
    static boolean timedOut(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_CAUSES; cause = cause.getCause(), depth++) {
            if (timeout(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The connection was closed with {@code close()} (by whoever owns it): nothing reconnects it. */
    static Outcome closed(@Nullable String endpoint) {
        return new Outcome("connection to " + where(endpoint) + " is closed: it was closed by its owner and is never"
                + " reconnected", true);
    }

    /**
     * The connection exists but is down.
     *
     * @param reconnecting whether Lettuce reconnects it by itself (its client's {@code autoReconnect})
     */
    static Outcome disconnected(@Nullable String endpoint, boolean reconnecting) {
        return new Outcome("disconnected from " + where(endpoint)
                + (reconnecting ? "; the client is reconnecting" : "; the client does not reconnect it by itself"), true);
    }

    private static String protocolProblem(Throwable cause) {
        String text = String.valueOf(cause.getMessage());
        int decoding = text.indexOf(" decoding using");
        return String.valueOf(Redactor.redact(decoding < 0 ? text : text.substring(0, decoding)));
    }

    /** How messages name the server: {@code Redis at host:port}, or {@code Redis} when the check does not know where. */
    static String where(@Nullable String endpoint) {
        return endpoint == null ? "Redis" : "Redis at " + endpoint;
    }

    /** Nanoseconds as whole milliseconds, rounded, as messages give them. */
    static long millis(long nanos) {
        return Math.round(Math.max(nanos, 0) / 1_000_000.0);
    }

    private static @Nullable Outcome errorReply(Throwable error, String where) {
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < MAX_CAUSES; cause = cause.getCause(), depth++) {
            String text = cause.getMessage();
            if (text == null) {
                continue;
            }
            if (text.startsWith("NOAUTH")) {
                return new Outcome("authentication failed: " + where + " requires a password (NOAUTH)", true);
            }
            if (text.startsWith("WRONGPASS") || text.startsWith("ERR invalid password")
                    || text.startsWith("ERR AUTH <password> called without any password configured")) {
                return new Outcome("authentication failed: " + where + " rejected the username or password (WRONGPASS)",
                        true);
            }
            if (text.startsWith("LOADING")) {
                return new Outcome(where + " is loading its dataset into memory (LOADING)", false);
            }
            if (text.startsWith("MASTERDOWN")) {
                return new Outcome(where + " is a replica that lost its link to the master (MASTERDOWN)", false);
            }
            if (text.startsWith("OOM")) {
                return new Outcome(where + " is out of memory and refuses writes (OOM)", false);
            }
            if (text.startsWith("BUSY")) {
                return new Outcome(where + " is busy running a script or function (BUSY)", false);
            }
            if (text.startsWith("CLUSTERDOWN")) {
                return new Outcome(where + " reports the cluster is down (CLUSTERDOWN)", false);
            }
        }
        return null;
    }

    /** The failure without the CompletionException/ExecutionException wrappers of the stages it went through. */
    static Throwable unwrap(Throwable failure) {
        Throwable error = failure;
        while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    private static String lower(@Nullable String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    private static String redact(Throwable error) {
        return String.valueOf(Redactor.redact(HealthResult.describe(error)));
    }
}
