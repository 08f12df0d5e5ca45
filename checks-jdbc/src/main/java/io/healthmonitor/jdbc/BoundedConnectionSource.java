package io.healthmonitor.jdbc;

import io.healthmonitor.internal.DaemonThreads;
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
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Bounds a blocking {@code getConnection()} without touching the DataSource's settings
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

    /** A blocking way to get a connection; {@code timeoutNanos} is a hint it may use. */
    @FunctionalInterface
    interface Opener {
        Connection open(long timeoutNanos) throws SQLException;
    }

    private final Opener opener;
    private final Executor executor;
    private final String call;
    private final Supplier<String> blocked;
    private final AtomicReference<@Nullable Attempt> stuck = new AtomicReference<>();

    /**
     * Bounds {@code opener}'s calls, run on {@code executor}.
     *
     * @param call    what the opener calls, for messages: {@code DataSource.getConnection()}
     * @param blocked what a call that does not return is doing, for messages: {@code blocked in the driver}
     */
    BoundedConnectionSource(Opener opener, Executor executor, String call, Supplier<String> blocked) {
        this.opener = opener;
        this.executor = executor;
        this.call = call;
        this.blocked = blocked;
    }

    static BoundedConnectionSource of(DataSource dataSource, Executor executor) {
        return new BoundedConnectionSource(timeoutNanos -> dataSource.getConnection(), executor,
                "DataSource.getConnection()", () -> "blocked in the driver");
    }

    /** The library's shared daemon threads: nothing for the user to shut down, no thread start per invocation. */
    static Executor daemonThreads() {
        return DaemonThreads.EXECUTOR;
    }

    @Override
    public Connection acquire(long timeoutNanos) throws SQLException, TimeoutException, InterruptedException {
        long start = System.nanoTime();
        Attempt previous = stuck.get();
        if (previous != null && !previous.future.isDone()) {
            // An abandoned attempt may be about to end; give it this invocation's budget, not more.
            try {
                previous.future.handle((connection, error) -> null).get(timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new TimeoutException("no connection within " + Elapsed.millisSince(start) + " ms: " + call
                        + " of an earlier invocation, started " + Elapsed.millisSince(previous.startNanos) + " ms ago, is still "
                        + blocked.get() + "; not starting another");
            } catch (ExecutionException e) {
                throw new IllegalStateException("handled stage failed", e);
            }
            timeoutNanos -= System.nanoTime() - start;
            if (timeoutNanos <= 0) {
                throw new TimeoutException("no connection within " + Elapsed.millisSince(start) + " ms: " + call
                        + " of an earlier invocation ended only then; not starting another");
            }
        }
        Attempt attempt = new Attempt(System.nanoTime(), timeoutNanos);
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
                    throw new TimeoutException("no connection within " + Elapsed.millisSince(start) + " ms: " + call
                            + " is still " + blocked.get());
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
        final long timeoutNanos;
        final CompletableFuture<Connection> future = new CompletableFuture<>();
        final AtomicInteger state = new AtomicInteger(WAITING);

        Attempt(long startNanos, long timeoutNanos) {
            this.startNanos = startNanos;
            this.timeoutNanos = timeoutNanos;
        }

        void run() {
            Connection connection;
            try {
                connection = opener.open(timeoutNanos);
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
