package io.healthmonitor.redis;

import io.lettuce.core.api.StatefulConnection;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The connection a check probes: either the application's own, borrowed and never closed here, or
 * one long-lived connection the check makes from the application's client on first use and owns.
 *
 * <p>An owned connection is created at most once at a time: concurrent probes share the attempt
 * in flight, and only a failed attempt is retried (by the next probe). Once connected, Lettuce
 * reconnects it by itself after an outage, so the check never opens a connection per probe.
 * Thread-safe; the only shared state is the reference to the current attempt.
 *
 * @param <C> the Lettuce connection type
 */
final class ProbeConnection<C extends StatefulConnection<?, ?>> {

    private final @Nullable CompletableFuture<C> borrowed;
    private final @Nullable Supplier<? extends CompletionStage<? extends C>> connector;
    private final AtomicReference<@Nullable CompletableFuture<C>> owned = new AtomicReference<>();
    private volatile boolean closed;

    private ProbeConnection(@Nullable C borrowed, @Nullable Supplier<? extends CompletionStage<? extends C>> connector) {
        this.borrowed = borrowed == null ? null : CompletableFuture.completedFuture(borrowed);
        this.connector = connector;
    }

    static <C extends StatefulConnection<?, ?>> ProbeConnection<C> borrowed(C connection) {
        return new ProbeConnection<>(Objects.requireNonNull(connection, "connection"), null);
    }

    static <C extends StatefulConnection<?, ?>> ProbeConnection<C> owned(
            Supplier<? extends CompletionStage<? extends C>> connector) {
        return new ProbeConnection<>(null, connector);
    }

    /**
     * Runs {@code probe} on the connection within {@code timeout}, connecting first if needed.
     * The probe gets the nanoseconds left and must bound its own commands by them (see
     * {@link #bounded}); the connection attempt is bounded here, without ever failing the shared
     * attempt itself.
     */
    <R> CompletableFuture<R> probe(Duration timeout, BiFunction<C, Long, CompletableFuture<R>> probe) {
        long startNanos = System.nanoTime();
        CompletableFuture<C> connection = connection();
        if (connection.isDone() && !connection.isCompletedExceptionally()) {
            return probe.apply(connection.join(), timeout.toNanos());
        }
        long timeoutNanos = timeout.toNanos();
        return connection
                .thenCompose(ready -> probe.apply(ready, timeoutNanos - (System.nanoTime() - startNanos)))
                .orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Fails {@code result} with a {@link java.util.concurrent.TimeoutException} after {@code nanos}, cancelling the commands. */
    static <R> CompletableFuture<R> bounded(CompletableFuture<R> result, long nanos, Future<?>... commands) {
        result.orTimeout(Math.max(nanos, 0), TimeUnit.NANOSECONDS).whenComplete((value, failure) -> {
            if (failure != null) {
                for (Future<?> command : commands) {
                    command.cancel(false);
                }
            }
        });
        return result;
    }

    /** Whether this is the application's connection (so the check must not close it). */
    boolean isBorrowed() {
        return borrowed != null;
    }

    private CompletableFuture<C> connection() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the health check is closed"));
        }
        if (borrowed != null) {
            return borrowed;
        }
        while (true) {
            CompletableFuture<C> current = owned.get();
            if (current != null && !current.isCompletedExceptionally()) {
                return current;
            }
            CompletableFuture<C> attempt = new CompletableFuture<>();
            if (owned.compareAndSet(current, attempt)) {
                connect(attempt);
                return attempt;
            }
        }
    }

    private void connect(CompletableFuture<C> attempt) {
        CompletionStage<? extends C> connecting;
        try {
            connecting = Objects.requireNonNull(connector, "connector").get();
        } catch (RuntimeException e) {
            attempt.completeExceptionally(e);
            return;
        }
        connecting.whenComplete((connection, failure) -> {
            if (failure != null) {
                attempt.completeExceptionally(failure);
            } else if (closed) {
                // Closed while connecting: close() could not see this connection, so close it here.
                connection.closeAsync();
                attempt.completeExceptionally(new IllegalStateException("the health check is closed"));
            } else {
                attempt.complete(connection);
            }
        });
    }

    /** Closes the owned connection, if any; a borrowed one is left alone. Idempotent. */
    void close() {
        closed = true;
        CompletableFuture<C> current = owned.getAndSet(null);
        if (current == null) {
            return;
        }
        if (current.isDone()) {
            if (!current.isCompletedExceptionally()) {
                current.join().close();
            }
        } else {
            // Still connecting: close when it completes, without blocking the client's I/O thread.
            current.thenAccept(StatefulConnection::closeAsync);
        }
    }
}
