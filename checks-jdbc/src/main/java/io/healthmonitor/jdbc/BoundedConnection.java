package io.healthmonitor.jdbc;

import io.healthmonitor.CheckContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Executor;

/**
 * A borrowed connection whose every client call is bounded by what is left of the invocation's
 * deadline: before each call, its {@linkplain Connection#setNetworkTimeout(Executor, int) network
 * timeout} is set to the context's {@linkplain CheckContext#clientTimeout() client timeout} in
 * milliseconds, which also bounds a sub-second budget; the whole seconds that
 * {@link Connection#isValid(int)} and {@link java.sql.Statement#setQueryTimeout(int)} take are that
 * bound rounded up, and never 0, which means "no timeout" in JDBC. Drivers without network timeouts
 * (H2 is embedded) are bounded by those seconds alone.
 *
 * <p>Remembers the network timeout the connection was lent with, to {@linkplain #restore() restore} it.
 */
final class BoundedConnection {

    private static final Executor DIRECT = Runnable::run;
    private static final int UNSUPPORTED = -1;

    private final Connection connection;
    private final CheckContext context;
    private final int lentNetworkTimeout;

    private BoundedConnection(Connection connection, CheckContext context, int lentNetworkTimeout) {
        this.connection = connection;
        this.context = context;
        this.lentNetworkTimeout = lentNetworkTimeout;
    }

    /** Reads the network timeout the connection was lent with, without changing anything yet. */
    static BoundedConnection of(Connection connection, CheckContext context) throws SQLException {
        int lent;
        try {
            lent = connection.getNetworkTimeout();
        } catch (SQLFeatureNotSupportedException | UnsupportedOperationException e) {
            lent = UNSUPPORTED;
        }
        return new BoundedConnection(connection, context, lent);
    }

    Connection connection() {
        return connection;
    }

    /**
     * Bounds the next call by what is left now, and returns that bound in milliseconds (at least 1).
     */
    long bound() throws SQLException {
        long millis = Math.max(1, Math.min(Integer.MAX_VALUE, context.clientTimeout().toMillis()));
        if (lentNetworkTimeout != UNSUPPORTED) {
            try {
                connection.setNetworkTimeout(DIRECT, (int) millis);
            } catch (SQLFeatureNotSupportedException | UnsupportedOperationException e) {
                // bounded by the whole seconds of isValid and the query timeout alone
            }
        }
        return millis;
    }

    /** A bound in the whole seconds JDBC's timeouts take: rounded up, and at least 1, because 0 means "no timeout". */
    static int seconds(long boundMillis) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (boundMillis + 999) / 1000));
    }

    /** Puts back the network timeout the connection was lent with. */
    void restore() throws SQLException {
        if (lentNetworkTimeout != UNSUPPORTED) {
            try {
                connection.setNetworkTimeout(DIRECT, lentNetworkTimeout);
            } catch (SQLFeatureNotSupportedException | UnsupportedOperationException e) {
                // never changed, then
            }
        }
    }
}
