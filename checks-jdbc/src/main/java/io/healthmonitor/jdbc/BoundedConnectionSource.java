package io.healthmonitor.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Bounds {@link DataSource#getConnection()} for any DataSource without touching its settings
 * ({@code setLoginTimeout} would change the user's DataSource for everyone): the call runs on a
 * helper thread and the check waits for it no longer than its budget.
 *
 * <p>A call that outlives its budget is abandoned, never left to leak: when it finally returns,
 * its connection is closed at once (back to the pool, or the physical connection closed). While
 * an abandoned call is still stuck in the driver, the check starts no other one, so a dead
 * database costs at most one stuck thread per check, not one per invocation.
 */
final class BoundedConnectionSource implements ConnectionSource {

    private static final int WAITING = 0;
    private static final int DELIVERED = 1;
    private static final int ABANDONED = 2;

    private final DataSource dataSource;
    private final Executor executor;
    private final AtomicReference<@Nullable Attempt> stuck = new AtomicReference<>();

    BoundedConnectionSource(DataSource dataSource, Executor executor) {
        this.dataSource = dataSource;
        this.executor = executor;
    }

    /** A new daemon thread per connection attempt: nothing for the user to shut down. */
    static Executor daemonThreads() {
        return task -> {
            Thread thread = new Thread(task, "healthmonitor-jdbc-connect");
            thread.setDaemon(true);
            thread.start();
        };
    }

    @Override
    public Connection acquire(long timeoutNanos) throws SQLException, TimeoutException, InterruptedException {
        Attempt previous = stuck.get();
        if (previous != null && !previous.future.isDone()) {
            long stuckMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - previous.startNanos);
            throw new TimeoutException("a previous getConnection() has been blocked in the driver for "
                    + stuckMillis + " ms; not starting another");
        }
        Attempt attempt = new Attempt(System.nanoTime());
        try {
            executor.execute(attempt::run);
        } catch (RuntimeException e) {
            throw new SQLException("cannot start the connection attempt: " + e, e);
        }
        try {
            return attempt.future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            if (attempt.state.compareAndSet(WAITING, ABANDONED)) {
                stuck.set(attempt);
                attempt.future.whenComplete((connection, error) -> stuck.compareAndSet(attempt, null));
                if (e instanceof TimeoutException) {
                    throw new TimeoutException("no connection from the DataSource within "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                }
                throw (InterruptedException) e;
            }
            // The connection was delivered just as the wait ended: take it after all.
            try {
                return attempt.future.join();
            } catch (CompletionException failed) {
                throw unwrap(failed.getCause());
            }
        }
    }

    private static SQLException unwrap(@Nullable Throwable cause) {
        if (cause instanceof SQLException sql) {
            return sql;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new SQLException(cause == null ? "getConnection() failed" : String.valueOf(cause.getMessage()), cause);
    }

    private final class Attempt {
        final long startNanos;
        final CompletableFuture<Connection> future = new CompletableFuture<>();
        final AtomicInteger state = new AtomicInteger(WAITING);

        Attempt(long startNanos) {
            this.startNanos = startNanos;
        }

        void run() {
            Connection connection;
            try {
                connection = dataSource.getConnection();
            } catch (Throwable e) {
                future.completeExceptionally(e);
                return;
            }
            // Exactly one side owns the connection: the waiter (delivered) or nobody (closed here).
            if (state.compareAndSet(WAITING, DELIVERED)) {
                future.complete(connection);
            } else {
                future.cancel(false);
                try {
                    connection.close();
                } catch (SQLException | RuntimeException e) {
                    // nothing more to do for a connection nobody waits for
                }
            }
        }
    }
}
