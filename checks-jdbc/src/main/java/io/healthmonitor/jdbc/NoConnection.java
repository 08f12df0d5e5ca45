package io.healthmonitor.jdbc;

import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Why a pool lent no connection in time, told from its state after the wait and from the error it
 * last met opening (or testing) a connection, which HikariCP hands over as the cause of its
 * generic "Connection is not available, request timed out" exception.
 *
 * <ul>
 *   <li>every connection the pool may have is in use: the pool is exhausted, and growing it (or
 *       finding what holds the connections) is the remedy;</li>
 *   <li>the pool has room but no connection: it cannot open one. Its last connection error says
 *       why (an unknown database, a reset, a refused port) and decides the failure; with no error
 *       yet, its attempts are still waiting for the database, which does not answer.</li>
 * </ul>
 *
 * @param failure what went wrong
 * @param text    what happened and how long the check waited, for the message (not redacted yet)
 * @param error   the exception to report: the pool's last connection error when there is one
 */
record NoConnection(Failure failure, String text, Throwable error) {

    /**
     * Explains a pool's timeout (HikariCP's verdict after its wait) with the pool's state right after.
     *
     * @param timeout      what the pool threw when the wait was over
     * @param before       the pool's state when the wait began, or null when it could not be read
     * @param after        the pool's state right after, or null when it cannot be read
     * @param waitedMillis how long the check waited
     * @param server       the hosts and ports the pool connects to, or null when unknown
     */
    static NoConnection of(SQLTransientConnectionException timeout, @Nullable PoolState before, @Nullable PoolState after,
            long waitedMillis, @Nullable String server) {
        if (after != null && after.exhausted()) {
            return exhausted(after, waitedMillis, timeout);
        }
        String within = "no connection within " + waitedMillis + " ms";
        String room = after == null ? ""
                : ": the pool has " + after.total() + " of at most " + after.max() + " connections open"
                        // connections it had and found dead while the check waited
                        + (before != null && before.total() != after.total() ? " (" + before.total() + " when the wait began)" : "");
        Throwable lastError = timeout.getCause();
        if (lastError != null && lastError != timeout) {
            return new NoConnection(Failure.ofConnectionError(lastError), within + room
                    + " and cannot open another; its last connection error: "
                    + Failure.describeConnectionError(lastError, server), lastError);
        }
        if (after == null) {
            return new NoConnection(Failure.TIMEOUT, within + ": " + Failure.describe(timeout), timeout);
        }
        return new NoConnection(Failure.TIMEOUT, within + room
                + " and opened no other in that time, without an error: the database does not answer", timeout);
    }

    /**
     * Explains a wait the check ended itself while the pool's {@code getConnection()} still runs on
     * a helper thread. Exhausted when every connection is in use and threads still queue for one
     * (the helper among them); otherwise the helper's own account, with the pool's state.
     */
    static NoConnection of(TimeoutException timeout, @Nullable PoolState after, long waitedMillis) {
        if (after != null && after.saturated()) {
            return exhausted(after, waitedMillis, timeout);
        }
        String state = after == null ? "" : " (pool: " + after.summary() + ")";
        return new NoConnection(Failure.TIMEOUT, Failure.describe(timeout) + state, timeout);
    }

    private static NoConnection exhausted(PoolState after, long waitedMillis, Exception timeout) {
        return new NoConnection(Failure.POOL_EXHAUSTED, "all " + after.max() + " connections in use, none returned within "
                + waitedMillis + " ms (" + after.summary() + ")", timeout);
    }
}
