package io.healthmonitor.redis;

import io.lettuce.core.api.StatefulConnection;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The connection a check probes: either the application's own, borrowed and never closed here, or
 * one the check makes with a {@link Connector} on first use and owns.
 *
 * <p>An owned connection is made at most once at a time: concurrent probes share the attempt in
 * flight. A failed attempt, or a connection its connector finds no longer usable (closed by the
 * server, with Lettuce not reconnecting it), is replaced at the next probe, within that probe's
 * time. What happens to it is logged once per change of state ({@link ConnectionStateLog}).
 * Thread-safe; the only shared state is the reference to the current attempt.
 *
 * @param <C> the Lettuce connection type
 */
final class ProbeConnection<C extends StatefulConnection<?, ?>> {

    /**
     * Makes and judges the connections a check owns.
     *
     * @param <C> the Lettuce connection type
     */
    interface Connector<C> {

        /** Starts connecting; the attempt's own bounds (TCP connect, handshake) should not exceed {@code timeout}. */
        CompletionStage<? extends C> connect(Duration timeout);

        /** Whether a connection it made can still serve probes; if not, the check makes another. */
        boolean usable(C connection);

        /** Releases what the connector holds; called once its connection is closed. */
        void close();
    }

    private final @Nullable CompletableFuture<C> borrowed;
    private final @Nullable Connector<C> connector;
    private final @Nullable String endpoint;
    private final String where;
    private final @Nullable ConnectionStateLog log;
    private final AtomicReference<@Nullable CompletableFuture<C>> owned = new AtomicReference<>();
    private volatile boolean closed;

    private ProbeConnection(@Nullable C borrowed, @Nullable Connector<C> connector, @Nullable String endpoint,
            @Nullable ConnectionStateLog log) {
        this.borrowed = borrowed == null ? null : CompletableFuture.completedFuture(borrowed);
        this.connector = connector;
        this.endpoint = endpoint;
        this.where = RedisFailure.where(endpoint);
        this.log = log;
    }

    static <C extends StatefulConnection<?, ?>> ProbeConnection<C> borrowed(C connection) {
        return new ProbeConnection<>(Objects.requireNonNull(connection, "connection"), null, null, null);
    }

    /**
     * A connection the check makes and owns.
     *
     * @param endpoint {@code host:port} for messages, or null where there is no one server (a cluster)
     * @param logger   the public check class, whose logger reports the connection's changes of state
     */
    static <C extends StatefulConnection<?, ?>> ProbeConnection<C> owned(Connector<C> connector,
            @Nullable String endpoint, Class<?> logger) {
        return new ProbeConnection<>(null, connector, endpoint,
                new ConnectionStateLog(LoggerFactory.getLogger(logger), RedisFailure.where(endpoint)));
    }

    /**
     * Runs {@code probe} on the connection within {@code budget}, connecting first if needed: the
     * wait for a connection is bounded by the budget, and the probe gets the nanoseconds left at
     * that moment, by which it must bound its own commands (see {@link #bounded}).
     *
     * @param name   the check's registered name, for the log
     * @param budget the probe's whole time, from the invocation's client timeout
     */
    <R> CompletableFuture<R> probe(String name, Duration budget, BiFunction<C, Long, CompletableFuture<R>> probe) {
        long startNanos = System.nanoTime();
        long budgetNanos = budget.toNanos();
        CompletableFuture<C> connection = connection(name, budget);
        if (connection.isDone() && !connection.isCompletedExceptionally()) {
            return probe.apply(connection.join(), budgetNanos);
        }
        // copy(): the bound fails this probe's wait, never the attempt other probes may share. What
        // starting the attempt took in this thread (a first client, class loading, a name lookup)
        // counts against the budget: the wait is for what is left.
        long leftNanos = Math.max(budgetNanos - (System.nanoTime() - startNanos), 0);
        return connection.copy().orTimeout(leftNanos, TimeUnit.NANOSECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(failure instanceof TimeoutException
                        // The time given, as every "within N ms" of the checks says: never above the budget.
                        ? new ProbeTimeout("no connection to " + where + " within " + RedisFailure.millis(budgetNanos) + " ms")
                        : failure))
                .thenCompose(ready -> probe.apply(ready, budgetNanos - (System.nanoTime() - startNanos)));
    }

    /** A command of a probe and the reply it waits for, as messages name it ({@code PONG}, {@code INFO reply}). */
    record Reply(String name, Future<?> command) {
    }

    /**
     * Bounds {@code result} by {@code nanos}: past them it fails with a {@link ProbeTimeout} naming
     * the first reply still missing and how long it was waited for. On any failure the commands
     * still in flight are cancelled.
     */
    static <R> CompletableFuture<R> bounded(CompletableFuture<R> result, long nanos, String where, Reply... replies) {
        long waitNanos = Math.max(nanos, 0);
        return result.orTimeout(waitNanos, TimeUnit.NANOSECONDS).exceptionallyCompose(failure -> {
            Throwable reported = failure;
            if (failure instanceof TimeoutException) {
                String missing = "reply";
                for (Reply reply : replies) {
                    if (!reply.command().isDone()) {
                        missing = reply.name();
                        break;
                    }
                }
                reported = new ProbeTimeout("no " + missing + " from " + where + " within " + RedisFailure.millis(waitNanos)
                        + " ms");
            }
            for (Reply reply : replies) {
                reply.command().cancel(false);
            }
            return CompletableFuture.failedFuture(reported);
        });
    }

    /** Whether this is the application's connection (so the check must not close it). */
    boolean isBorrowed() {
        return borrowed != null;
    }

    private CompletableFuture<C> connection(String name, Duration timeout) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the health check is closed"));
        }
        if (borrowed != null) {
            return borrowed;
        }
        Connector<C> maker = Objects.requireNonNull(connector, "connector");
        while (true) {
            CompletableFuture<C> current = owned.get();
            boolean made = current != null && current.isDone() && !current.isCompletedExceptionally();
            if (current != null && !current.isCompletedExceptionally() && (!made || maker.usable(current.join()))) {
                return current;
            }
            CompletableFuture<C> attempt = new CompletableFuture<>();
            if (owned.compareAndSet(current, attempt)) {
                if (made) {
                    // Closed under us (the server went away) and not reconnecting by itself: release it, make another.
                    Objects.requireNonNull(log, "log").lost();
                    current.join().closeAsync();
                }
                connect(name, maker, timeout, attempt);
                return attempt;
            }
        }
    }

    private void connect(String name, Connector<C> maker, Duration timeout, CompletableFuture<C> attempt) {
        ConnectionStateLog states = Objects.requireNonNull(log, "log");
        long startNanos = System.nanoTime();
        CompletionStage<? extends C> connecting;
        try {
            connecting = maker.connect(timeout);
        } catch (RuntimeException e) {
            states.failed(name, RedisFailure.classify(e, System.nanoTime() - startNanos, endpoint).message());
            attempt.completeExceptionally(e);
            return;
        }
        connecting.whenComplete((connection, failure) -> {
            if (closed) {
                // Closed while connecting (which may be why it failed): close() could not see this connection.
                if (connection != null) {
                    connection.closeAsync();
                }
                attempt.completeExceptionally(new IllegalStateException("the health check is closed"));
            } else if (failure != null) {
                long attemptNanos = System.nanoTime() - startNanos;
                states.failed(name, RedisFailure.classify(failure, attemptNanos, endpoint).message());
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                // A probe that joined this attempt late would otherwise time it by its own short wait
                // ("timed out after 37 ms"): the attempt says how long it waited itself.
                attempt.completeExceptionally(RedisFailure.timedOut(cause)
                        ? new ProbeTimeout("no connection to " + where + ": the connection attempt timed out after "
                                + RedisFailure.millis(attemptNanos) + " ms", cause)
                        : cause);
            } else {
                states.connected(name);
                attempt.complete(connection);
            }
        });
    }

    /** Closes the owned connection, if any, and then its connector; a borrowed one is left alone. Idempotent. */
    void close() {
        closed = true;
        CompletableFuture<C> current = owned.getAndSet(null);
        // Still connecting: the attempt sees closed when it completes, and closes what it made.
        if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
            current.join().close();
        }
        if (connector != null) {
            connector.close();
        }
    }
}
