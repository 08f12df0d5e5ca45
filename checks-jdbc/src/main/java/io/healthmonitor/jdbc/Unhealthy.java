package io.healthmonitor.jdbc;

import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The unhealthy results of {@link DataSourceHealthCheck}: each names its {@link Failure} kind in
 * the {@code failure} detail, says what happened and how long it took, and counts a connection
 * error in the pool's metrics. Immutable and thread-safe.
 */
final class Unhealthy {

    private final @Nullable PoolProbe pool;
    private final @Nullable PoolMetrics metrics;
    private final Credentials credentials;

    Unhealthy(@Nullable PoolProbe pool, @Nullable PoolMetrics metrics, Credentials credentials) {
        this.pool = pool;
        this.metrics = metrics;
        this.credentials = credentials;
    }

    /**
     * No connection could be had. A pool's timeout is told apart: exhausted, or unable to open
     * connections, with the pool's own last connection error.
     */
    HealthResult noConnection(Throwable error, @Nullable PoolState before, Map<String, Object> details, long start) {
        NoConnection why = null;
        if (pool != null && error instanceof SQLTransientConnectionException timeout) {
            why = NoConnection.of(timeout, before, pool.state(), Elapsed.millisSince(start), credentials.server());
        } else if (pool != null && error instanceof TimeoutException timeout) {
            why = NoConnection.of(timeout, pool.state(), Elapsed.millisSince(start));
        }
        if (why != null) {
            return of(why.failure(), why.failure().message(why.text()), why.error(), details, start);
        }
        // No query ran: a driver's error without a connection SQLState (MariaDB's "Incorrect port
        // value", 42000-like codes) is still a failure to connect.
        Failure kind = Failure.of(error) == Failure.QUERY_FAILED ? Failure.CONNECTION_FAILED : Failure.of(error);
        String text = kind == Failure.PROTOCOL_ERROR ? Failure.describeConnectionError(error, credentials.server())
                : Failure.describe(error);
        return of(kind, kind.message(text), error, details, start);
    }

    /**
     * {@code isValid} said false: a timeout when it took its whole bound (drivers answer false
     * rather than throw when their network timeout fires), otherwise a connection that failed.
     */
    HealthResult invalid(Lease lease, int seconds, long boundMillis, long tookMillis, Map<String, Object> details,
            long start) {
        String call = "Connection.isValid(" + seconds + ")";
        if (tookMillis >= boundMillis) {
            return of(Failure.TIMEOUT, Failure.TIMEOUT.message("no answer to " + call + " within " + tookMillis + " ms"),
                    null, details, start);
        }
        String closed = lease.closedByDriver() ? "; the driver closed the connection" : "";
        return of(Failure.VALIDATION_FAILED, Failure.VALIDATION_FAILED.message(
                call + " returned false after " + tookMillis + " ms" + closed), null, details, start);
    }

    /** A failure of a call not timed on its own. */
    HealthResult of(Throwable error, Map<String, Object> details, long start) {
        Failure kind = Failure.of(error);
        return of(kind, kind.message(Failure.describe(error)), error, details, start);
    }

    /** A failure of one bounded call on the connection, which took {@code tookMillis}. */
    HealthResult ofCall(Throwable error, String call, long tookMillis, Map<String, Object> details, long start) {
        Failure kind = Failure.of(error);
        String text = Failure.describe(error);
        if (kind == Failure.TIMEOUT) {
            text = "no answer to " + call + " within " + tookMillis + " ms: " + text;
        }
        return of(kind, kind.message(text), error, details, start);
    }

    HealthResult of(Failure kind, String message, @Nullable Throwable error, Map<String, Object> details, long start) {
        if (metrics != null) {
            metrics.connectionError();
        }
        details.put("failure", kind.label());
        details.put("responseTimeMillis", Elapsed.millis(System.nanoTime() - start));
        // An error whose text (or a cause's) holds a credential of the DataSource cannot be shown: the
        // message, masked, says what it said.
        KnownSecrets secrets = credentials.read();
        @Nullable Throwable shown = error != null && secrets.appearIn(error) ? null : error;
        return new HealthResult(HealthStatus.UNHEALTHY, secrets.mask(message), details, shown);
    }
}
