package io.healthmonitor.jdbc;

import io.healthmonitor.CheckContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A connection the check borrowed for one invocation: every call on it bounded by what is left
 * of the deadline, and given back as it was lent, or evicted when the check found it broken.
 *
 * <p>Bounds: before each call, the {@linkplain Connection#setNetworkTimeout(Executor, int) network
 * timeout} is set to the context's {@linkplain CheckContext#clientTimeout() client timeout} in
 * milliseconds, which also bounds a sub-second budget; the whole seconds that
 * {@link Connection#isValid(int)} and {@link java.sql.Statement#setQueryTimeout(int)} take are that
 * bound rounded up, and never 0, which means "no timeout" in JDBC. Drivers without network
 * timeouts (H2 is embedded) are bounded by those seconds alone.
 *
 * <p>From a pool that can evict (HikariCP), the calls run on the driver's own connection under the
 * pool's proxy, and a broken connection is evicted before it is closed. The pool then neither lends
 * it again nor logs a "marked as broken" warning with a stack trace for a failure the check has
 * already reported: its proxy logs one for every call that fails on a dead connection, the
 * restoring of the network timeout and {@code close()} included.
 */
final class Lease {

    private static final Executor DIRECT = Runnable::run;
    private static final int UNSUPPORTED = -1;

    private final Connection lent;
    private final Connection connection;
    private final @Nullable Consumer<Connection> evictor;
    private final CheckContext context;
    private int lentNetworkTimeout = UNSUPPORTED;
    private boolean bounded;
    private boolean ranStatements;

    private Lease(Connection lent, Connection connection, @Nullable Consumer<Connection> evictor, CheckContext context) {
        this.lent = lent;
        this.connection = connection;
        this.evictor = evictor;
        this.context = context;
    }

    /**
     * Leases what the source lent.
     *
     * @param lent    the connection the DataSource or pool handed out
     * @param evictor how the pool evicts a connection it lent, or null when it cannot
     * @param context the invocation whose deadline bounds every call
     */
    static Lease of(Connection lent, @Nullable Consumer<Connection> evictor, CheckContext context) {
        if (evictor != null) {
            try {
                return new Lease(lent, lent.unwrap(Connection.class), evictor, context);
            } catch (SQLException | RuntimeException e) {
                // a proxy that hides its connection: use it as it is, and let the pool judge it
            }
        }
        return new Lease(lent, lent, null, context);
    }

    /** The connection to run the check's calls on, after {@link #bound()}. */
    Connection connection() {
        return connection;
    }

    /** Bounds the next call by what is left now, and returns that bound in milliseconds (at least 1). */
    long bound() throws SQLException {
        long millis = Math.max(1, Math.min(Integer.MAX_VALUE, context.clientTimeout().toMillis()));
        try {
            if (!bounded) {
                lentNetworkTimeout = connection.getNetworkTimeout();
                bounded = true;
            }
            if (lentNetworkTimeout != UNSUPPORTED) {
                connection.setNetworkTimeout(DIRECT, (int) millis);
            }
        } catch (SQLFeatureNotSupportedException | UnsupportedOperationException e) {
            lentNetworkTimeout = UNSUPPORTED; // bounded by the whole seconds of isValid and the query timeout alone
        }
        return millis;
    }

    /** A bound in the whole seconds JDBC's timeouts take: rounded up, and at least 1, because 0 means "no timeout". */
    static int seconds(long boundMillis) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (boundMillis + 999) / 1000));
    }

    /** Notes that statements ran, to be rolled back when auto-commit is off. */
    void ranStatements() {
        ranStatements = true;
    }

    /** Whether the driver has closed the connection (after a failure it could not recover from). */
    boolean closedByDriver() {
        try {
            return connection.isClosed();
        } catch (SQLException | RuntimeException e) {
            return true;
        }
    }

    /**
     * Gives the connection back. A working one as it was lent: rolled back when statements ran
     * with auto-commit off, its network timeout restored, then closed (back to its pool). A broken
     * one (or one that fails being restored) is evicted when the pool can, without another call on
     * it, then closed; a pool that cannot evict gets it with its network timeout restored if the
     * driver has not closed it, as a live connection must not go back with the check's short
     * timeout. Never throws.
     *
     * @param broken whether a call failed in a way that may leave the connection unusable
     */
    void release(boolean broken) {
        boolean closed = closedByDriver();
        if (!broken && !closed) {
            try {
                if (ranStatements && !connection.getAutoCommit()) {
                    connection.rollback();
                }
                restoreNetworkTimeout();
            } catch (SQLException | RuntimeException e) {
                broken = true;
            }
        } else if (evictor == null && !closed) {
            try {
                restoreNetworkTimeout();
            } catch (SQLException | RuntimeException e) {
                // the pool's to find out
            }
        }
        if ((broken || closed) && evictor != null) {
            try {
                evictor.accept(lent);
            } catch (RuntimeException e) {
                // the pool will find it dead by itself
            }
        }
        try {
            lent.close();
        } catch (SQLException | RuntimeException e) {
            // already reported, or nothing left to close
        }
    }

    private void restoreNetworkTimeout() throws SQLException {
        if (bounded && lentNetworkTimeout != UNSUPPORTED) {
            connection.setNetworkTimeout(DIRECT, lentNetworkTimeout);
        }
    }
}
