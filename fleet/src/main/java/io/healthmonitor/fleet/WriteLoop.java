package io.healthmonitor.fleet;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs a publisher's writes on its scheduler, one at a time. A request made while a write is under
 * way is coalesced into one more write after it, and every write takes the latest summary, so a
 * newer change supersedes whatever was waiting. A write that fails is tried again after a backoff
 * ({@link #FIRST_RETRY}, doubling, at most a quarter of the heartbeat and {@link #MAX_RETRY}):
 * waiting for the next heartbeat would leave the fleet a heartbeat behind exactly when a status
 * changed. A write that succeeds, whoever made it, cancels a pending retry and resets the backoff.
 * After {@link #close()} no write starts and no retry is scheduled. Thread-safe: the state is
 * guarded by this object's monitor, never held while writing.
 */
final class WriteLoop {

    /** The wait before the first retry of a failed write. */
    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    /** The longest wait between retries, whatever the heartbeat. */
    static final Duration MAX_RETRY = Duration.ofSeconds(5);

    private final ScheduledExecutorService scheduler;
    private final BooleanSupplier write;
    private final long firstRetryNanos;
    private final long maxRetryNanos;
    private boolean requested;
    private boolean running;
    private boolean closed;
    private long nextRetryNanos;
    private long retryGeneration;
    private @Nullable ScheduledFuture<?> retry;

    /**
     * @param scheduler runs the writes and the retries
     * @param write     writes the latest summary; true when the bucket acknowledged it
     * @param heartbeat the publisher's heartbeat, which bounds the backoff
     */
    WriteLoop(ScheduledExecutorService scheduler, BooleanSupplier write, Duration heartbeat) {
        this.scheduler = scheduler;
        this.write = write;
        this.maxRetryNanos = Math.min(MAX_RETRY.toNanos(), heartbeat.toNanos() / 4);
        this.firstRetryNanos = Math.min(FIRST_RETRY.toNanos(), maxRetryNanos);
        this.nextRetryNanos = firstRetryNanos;
    }

    /** Asks for a write of the latest summary on the scheduler; returns at once. */
    void request() {
        synchronized (this) {
            if (closed) {
                return;
            }
            requested = true;
            if (running) {
                return;   // the write under way writes again after it
            }
            running = true;
        }
        try {
            scheduler.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                running = false;   // a scheduler that is shut down runs nothing any more
            }
        }
    }

    private void drain() {
        try {
            while (take()) {
                written(write.getAsBoolean());
            }
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                running = false;   // the next request starts again
            }
            throw e;
        }
    }

    /** Takes the pending request; false (and no longer running) when there is none. */
    private synchronized boolean take() {
        if (closed || !requested) {
            running = false;
            return false;
        }
        requested = false;
        return true;
    }

    /**
     * Records the outcome of a write, whoever made it: a success ends the retries, a failure
     * schedules one unless one is pending.
     */
    synchronized void written(boolean acknowledged) {
        if (closed) {
            return;
        }
        if (acknowledged) {
            nextRetryNanos = firstRetryNanos;
            cancelRetry();
        } else if (retry == null) {
            long delay = nextRetryNanos;
            nextRetryNanos = Math.min(delay * 2, maxRetryNanos);
            long generation = ++retryGeneration;
            try {
                retry = scheduler.schedule(() -> retry(generation), delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // a scheduler that is shut down runs no heartbeat either: nothing is left to retry for
            }
        }
    }

    private void retry(long generation) {
        synchronized (this) {
            if (retry == null || generation != retryGeneration) {
                return;   // a write succeeded (or the loop closed) after this retry was due
            }
            retry = null;
        }
        request();
    }

    /** Stops: no write starts after this and no retry is pending. Idempotent. */
    synchronized void close() {
        closed = true;
        requested = false;
        cancelRetry();
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }
}
