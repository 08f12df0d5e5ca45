package io.healthmonitor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One invocation of a check, from request to result. Exactly one of completion, deadline or
 * rejection finishes it (guarded by {@code this}); its worker thread is interrupted only while it
 * runs the check. The result goes to its {@link CheckRunner}, which shapes and stores it.
 *
 * <p>Who enforces the deadline: the report that waits for it ({@link #expire()}), or, for an
 * invocation that no report waits for (background, refresh-ahead, start-up) or that runs on the
 * requesting thread, a timer on the monitor's scheduler.
 */
final class Invocation implements BoundedExecutor.Task {

    final CompletableFuture<CheckResult> result = new CompletableFuture<>();
    final long startNanos;
    final CheckContext context;
    /** The first invocation of its check: a report that stops waiting shows "not yet checked" instead of expiring it. */
    final boolean first;
    private final CheckRunner runner;
    private final HealthCheck check;
    private final Thread creator = Thread.currentThread();
    private volatile @Nullable ScheduledFuture<?> timer;
    private @Nullable Thread worker;
    private @Nullable CompletionStage<HealthResult> stage;
    private boolean done;
    /** Written under the lock; volatile, so that reports of a cached check read it without taking the lock. */
    private volatile boolean timedOut;
    private boolean interrupted;
    /** Guarded by the runner: the result is stored. */
    boolean delivered;
    /** Guarded by the runner: the work has returned (or never started). */
    boolean returned;

    Invocation(CheckRunner runner, CheckContext context, long startNanos, boolean first) {
        this.runner = runner;
        this.check = runner.registration().check();
        this.context = context;
        this.startNanos = startNanos;
        this.first = first;
    }

    long deadlineNanos() {
        return startNanos + context.timeout().toNanos();
    }

    /** Arms a timer that times the invocation out at its deadline, for invocations no report waits for. */
    void enforceDeadline(ScheduledExecutorService scheduler) {
        timer = scheduler.schedule(this::timeOut, Math.max(0, deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    synchronized boolean isDone() {
        return done;
    }

    boolean isTimedOut() {
        return timedOut;
    }


    /**
     * A report waited until its deadline for this invocation: time it out, unless it is a first one
     * whose longer start-up deadline has not passed yet (its own timer enforces that one).
     */
    void expire() {
        if (!first || deadlineNanos() - System.nanoTime() <= 0) {
            timeOut();
        }
    }

    /**
     * What a report shows for this invocation when it has no result to show: it stopped waiting
     * because its thread was interrupted, or because the result, claimed by the worker (or the
     * scheduler's deadline) by the deadline, was still not stored {@link ReportRun#DELIVERY_GRACE}
     * after it (storing redacts and records it, and a slow machine can take that long).
     */
    CheckResult unfinished(boolean reportInterrupted) {
        if (first && !reportInterrupted) {
            return runner.registration().notYetChecked(context.clock().instant());
        }
        String message = reportInterrupted ? "not finished: the thread requesting the report was interrupted"
                : "not finished: its result, due by the deadline, was still not stored "
                        + ReportRun.DELIVERY_GRACE.toMillis() + " ms after it";
        return runner.registration().resultOf(HealthResult.unhealthy(message),
                Duration.ofNanos(System.nanoTime() - startNanos), context.clock().instant());
    }

    @Override
    public void run() {
        run(System.nanoTime());
    }

    /**
     * Runs the invocation on this thread, which took it at {@code began}; a batch passes the time
     * the previous invocation returned, so that running a check reads the clock once, not twice.
     *
     * @return when this invocation returned, in {@link System#nanoTime()}
     */
    long run(long began) {
        synchronized (this) {
            if (done) {
                release();
                return began;
            }
            worker = Thread.currentThread();
        }
        if (worker == creator && timer == null) {
            // Run inline on the requesting thread (a direct executor): no report can expire it, the scheduler must.
            enforceDeadline(runner.scheduler());
        }
        long end;
        if (check instanceof AsyncHealthCheck async) {
            runAsync(async);
            end = System.nanoTime();
        } else {
            end = runBlocking();
        }
        runner.ran(end - began);
        return end;
    }

    /**
     * A blocking check completes on this thread: no stage to build, no callback to register, and
     * leaving the check, claiming the result and releasing the runner each take one lock.
     *
     * @return when it returned, in {@link System#nanoTime()}
     */
    private long runBlocking() {
        HealthResult value = null;
        Throwable failure = null;
        try {
            value = check.check(context);
        } catch (Throwable e) {
            failure = e;
        }
        long end = System.nanoTime();
        boolean claimed;
        synchronized (this) {
            leaveCheckLocked();
            claimed = !done;
            done = true;
        }
        cancelTimer();
        if (claimed) {
            // A result that arrives after the deadline is dropped: the timeout was already reported.
            result.complete(runner.accept(this, outcomeOf(value, failure), Duration.ofNanos(end - startNanos), false, true));
        } else {
            release();
        }
        return end;
    }

    private void runAsync(AsyncHealthCheck async) {
        CompletionStage<HealthResult> started;
        try {
            started = async.checkAsync(context);
        } catch (Throwable e) {
            started = CompletableFuture.failedFuture(e);
        } finally {
            leaveCheck();
        }
        if (started == null) {
            started = CompletableFuture.completedFuture(null);
        }
        boolean lateToCancel;
        synchronized (this) {
            stage = started;
            lateToCancel = done;
        }
        // The deadline passed while the check was starting: it could not cancel a stage it had not seen.
        if (lateToCancel && started instanceof CompletableFuture<?> future) {
            future.cancel(true);
        }
        started.whenComplete((value, failure) -> completed(value, failure, System.nanoTime()));
    }

    /** The worker leaves the check: deadlines no longer interrupt it, and an interrupt they sent is cleared. */
    private void leaveCheck() {
        synchronized (this) {
            leaveCheckLocked();
        }
    }

    /** Must hold the lock. */
    private void leaveCheckLocked() {
        worker = null;
        if (interrupted) {
            Thread.interrupted();
        }
    }

    @Override
    public void rejected(RuntimeException cause) {
        finish(HealthResult.unhealthy("not run: the executor refused the check (" + HealthResult.describe(cause) + ")",
                cause), Duration.ZERO);
        release();
    }

    void timeOut() {
        CompletionStage<HealthResult> toCancel;
        synchronized (this) {
            if (done) {
                return;
            }
            // Claim the invocation before interrupting, so the worker's InterruptedException is dropped.
            done = true;
            timedOut = true;
            if (worker != null) {
                interrupted = true;
                worker.interrupt();
            }
            toCancel = stage;
        }
        // Cancel first: whoever sees the timeout result may rely on the stage being cancelled.
        if (toCancel instanceof CompletableFuture<?> future) {
            future.cancel(true);
        }
        result.complete(runner.accept(this, HealthResult.unhealthy("timed out after " + context.timeout().toMillis() + " ms"),
                context.timeout(), true, false));
    }

    /** An async check's stage completed. */
    private void completed(@Nullable HealthResult value, @Nullable Throwable failure, long endNanos) {
        cancelTimer();
        // A result that arrives after the deadline is dropped: the timeout was already reported.
        finish(outcomeOf(value, failure), Duration.ofNanos(endNanos - startNanos));
        release();
    }

    private void cancelTimer() {
        ScheduledFuture<?> armed = timer;
        if (armed != null) {
            armed.cancel(false);
        }
    }

    private static HealthResult outcomeOf(@Nullable HealthResult value, @Nullable Throwable failure) {
        if (failure != null) {
            return HealthResult.unhealthy(unwrap(failure));
        }
        return value == null ? HealthResult.unhealthy("check returned null") : value;
    }

    private void finish(HealthResult outcome, Duration took) {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        result.complete(runner.accept(this, outcome, took, false, false));
    }

    /** The work has returned (or never started). */
    private void release() {
        runner.released(this);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
