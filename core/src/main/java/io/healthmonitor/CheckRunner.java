package io.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Owns everything the engine knows about one registered check: the invocation in flight, the
 * latest result, and the hysteresis and status-change state. All of it is guarded by {@code this}.
 *
 * <p>Invariants: at most one invocation runs at a time (a hung one blocks new ones until it
 * returns); every result is complete by the invocation's deadline, because whoever waits for it
 * expires it then: the report for on-demand checks, the scheduler for background checks and for
 * checks run inline on the requesting thread. Exactly one of completion, deadline or rejection
 * delivers an invocation's result.
 */
final class CheckRunner {

    private final CheckRegistration registration;
    private final BoundedExecutor executor;
    private final ScheduledExecutorService scheduler;
    private final InstantSource clock;
    private final Listeners listeners;

    private @Nullable Invocation running;
    private @Nullable CheckResult latest;
    private @Nullable HealthStatus reported;
    private @Nullable HealthStatus pendingStatus;
    private int pendingCount;

    CheckRunner(CheckRegistration registration, BoundedExecutor executor, ScheduledExecutorService scheduler,
            InstantSource clock, Listeners listeners) {
        this.registration = registration;
        this.executor = executor;
        this.scheduler = scheduler;
        this.clock = clock;
        this.listeners = listeners;
    }

    /**
     * What a report waits for: a result due by a deadline. The report enforces the deadline of
     * on-demand invocations itself, by expiring the ones still running when it passes, so the
     * hot path never touches the scheduler.
     */
    record Pending(CompletableFuture<CheckResult> result, long deadlineNanos, @Nullable Invocation invocation) {
        void expire() {
            if (invocation != null) {
                invocation.timeOut();
            }
        }
    }

    CheckRegistration registration() {
        return registration;
    }

    /**
     * Returns the result a report shows now. On demand: the cached result while it is fresh, else
     * the invocation in flight, else a new one. In the background: the latest result, judged for staleness.
     */
    Pending current() {
        if (registration.schedule() instanceof Schedule.Background background) {
            return done(latestInBackground(background));
        }
        Duration ttl = ((Schedule.OnDemand) registration.schedule()).cacheTtl();
        Invocation started;
        synchronized (this) {
            forgetFinished();
            if (running != null && !running.isDone()) {
                return pending(running);
            }
            if (latest != null && isFresh(latest, ttl)) {
                return done(latest);
            }
            if (running != null) {
                return done(stillRunning(running));
            }
            started = new Invocation();
            running = started;
        }
        executor.execute(started);
        return pending(started);
    }

    /**
     * Must hold the lock. An invocation that delivered its own result has returned, or is about to:
     * it no longer holds back a new one, even before its worker gets to {@code release()}. Only one
     * that timed out and still runs does.
     */
    private void forgetFinished() {
        if (running != null && running.isDone() && !running.isTimedOut()) {
            running = null;
        }
    }

    private Pending pending(Invocation invocation) {
        return new Pending(invocation.result, invocation.startNanos + registration.timeout().toNanos(), invocation);
    }

    private static Pending done(CheckResult result) {
        return new Pending(CompletableFuture.completedFuture(result), 0, null);
    }

    /** Called by the monitor's scheduler for background checks: starts an invocation unless one runs. */
    void runInBackground() {
        Invocation started;
        synchronized (this) {
            forgetFinished();
            if (running != null) {
                if (running.isDone()) {
                    stillRunning(running);
                }
                return;
            }
            started = new Invocation();
            running = started;
        }
        // No report waits for a background invocation: the scheduler enforces its deadline.
        started.deadline = scheduler.schedule(started::timeOut, registration.timeout().toNanos(), TimeUnit.NANOSECONDS);
        executor.execute(started);
    }

    private CheckResult latestInBackground(Schedule.Background background) {
        CheckResult last;
        synchronized (this) {
            last = latest;
        }
        Instant now = clock.instant();
        if (last == null) {
            return new CheckResult(registration.name(), background.initialStatus(), "not yet checked", Map.of(), null,
                    Duration.ZERO, now, registration.critical(), registration.tags());
        }
        Duration age = Duration.between(last.observedAt(), now);
        if (age.compareTo(background.maxAge()) > 0) {
            return last.withStatus(HealthStatus.UNHEALTHY, "stale: last result " + age.toSeconds() + " s old");
        }
        return last;
    }

    private boolean isFresh(CheckResult result, Duration ttl) {
        if (ttl.isZero()) {
            return false;
        }
        Duration age = Duration.between(result.observedAt(), clock.instant());
        return !age.isNegative() && age.compareTo(ttl) < 0;
    }

    /** Must hold the lock: the deadline passed and the invocation is still running, so no new one starts. */
    private CheckResult stillRunning(Invocation hung) {
        long runningMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - hung.startNanos);
        HealthResult result = HealthResult.unhealthy("timed out after " + registration.timeout().toMillis()
                + " ms (previous invocation still running after " + runningMillis + " ms)");
        return accept(result, registration.timeout());
    }

    /** Must hold the lock. Applies hysteresis, stores the result and announces a status change. */
    private CheckResult accept(HealthResult raw, Duration duration) {
        CheckResult result = toCheckResult(raw, duration, clock.instant());
        HealthStatus before = reported == null ? HealthStatus.HEALTHY : reported;
        CheckResult shown = result;
        if (reported == null || result.status() == reported) {
            reported = result.status();
            pendingStatus = null;
            pendingCount = 0;
        } else {
            pendingCount = result.status() == pendingStatus ? pendingCount + 1 : 1;
            pendingStatus = result.status();
            Hysteresis hysteresis = registration.hysteresis();
            int needed = result.status().compareTo(reported) > 0 ? hysteresis.failures() : hysteresis.recoveries();
            if (pendingCount >= needed) {
                reported = result.status();
                pendingStatus = null;
                pendingCount = 0;
            } else {
                Map<String, Object> details = new LinkedHashMap<>(result.details());
                details.put("hysteresisPending", pendingStatus.label() + " " + pendingCount + "/" + needed);
                shown = new CheckResult(result.name(), reported, result.message(), details, result.error(),
                        result.duration(), result.observedAt(), result.critical(), result.tags());
            }
        }
        latest = shown;
        listeners.result(result);
        if (shown.status() != before) {
            listeners.change(new StatusChange(registration.name(), before, shown.status(), shown));
        }
        return shown;
    }

    private CheckResult toCheckResult(HealthResult raw, Duration duration, Instant observedAt) {
        HealthStatus status = raw.status();
        String message = raw.message();
        if (status == HealthStatus.HEALTHY && duration.compareTo(registration.slowThreshold()) > 0) {
            status = HealthStatus.DEGRADED;
            message = "slow: took " + duration.toMillis() + " ms, threshold " + registration.slowThreshold().toMillis()
                    + " ms" + (message == null ? "" : "; " + message);
        }
        Throwable error = raw.error();
        String errorSummary = error == null ? null : Redactor.redact(HealthResult.describe(error));
        if (message == null && errorSummary != null) {
            message = errorSummary;
        }
        return new CheckResult(registration.name(), status, Redactor.redact(message), redact(raw.details()),
                errorSummary, duration, observedAt, registration.critical(), registration.tags());
    }

    private static Map<String, Object> redact(Map<String, Object> details) {
        if (details.isEmpty()) {
            return details;
        }
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.replaceAll((key, value) -> redactValue(value));
        return copy;
    }

    private static Object redactValue(Object value) {
        if (value instanceof String text) {
            return Redactor.redact(text);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CheckRunner::redactValue).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            copy.replaceAll((key, nested) -> redactValue(nested));
            return copy;
        }
        return value;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * One invocation of the check. Exactly one of completion, deadline or rejection finishes it
     * (guarded by {@code this}); its worker thread is interrupted only while it runs the check.
     */
    final class Invocation implements BoundedExecutor.Task {
        final CompletableFuture<CheckResult> result = new CompletableFuture<>();
        final long startNanos = System.nanoTime();
        private final Thread creator = Thread.currentThread();
        volatile @Nullable ScheduledFuture<?> deadline;
        private @Nullable Thread worker;
        private @Nullable CompletionStage<HealthResult> stage;
        private boolean done;
        private boolean timedOut;
        private boolean interrupted;

        synchronized boolean isDone() {
            return done;
        }

        synchronized boolean isTimedOut() {
            return timedOut;
        }

        /** What a report shows when its thread was interrupted before this invocation finished. */
        CheckResult interruptedResult() {
            return toCheckResult(HealthResult.unhealthy("not finished: the thread requesting the report was interrupted"),
                    Duration.ofNanos(System.nanoTime() - startNanos), clock.instant());
        }

        @Override
        public void run() {
            synchronized (this) {
                if (done) {
                    release();
                    return;
                }
                worker = Thread.currentThread();
            }
            if (worker == creator && deadline == null) {
                // Run inline on the requesting thread (a direct executor): no report can expire it, the scheduler must.
                long left = startNanos + registration.timeout().toNanos() - System.nanoTime();
                deadline = scheduler.schedule(this::timeOut, Math.max(0, left), TimeUnit.NANOSECONDS);
            }
            if (registration.check() instanceof BlockingCheck blocking) {
                runBlocking(blocking.check());
                return;
            }
            CompletionStage<HealthResult> started;
            try {
                started = registration.check().checkAsync();
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
            started.whenComplete(this::completed);
        }

        /** A blocking check completes on this thread: no stage to build, no callback to register. */
        private void runBlocking(HealthCheck check) {
            HealthResult value = null;
            Throwable failure = null;
            try {
                value = check.check();
            } catch (Throwable e) {
                failure = e;
            } finally {
                leaveCheck();
            }
            completed(value, failure);
        }

        /** The worker leaves the check: deadlines no longer interrupt it, and an interrupt they sent is cleared. */
        private void leaveCheck() {
            synchronized (this) {
                worker = null;
                if (interrupted) {
                    Thread.interrupted();
                }
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
            deliver(HealthResult.unhealthy("timed out after " + registration.timeout().toMillis() + " ms"),
                    registration.timeout());
        }

        private void completed(@Nullable HealthResult value, @Nullable Throwable failure) {
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            ScheduledFuture<?> timer = deadline;
            if (timer != null) {
                timer.cancel(false);
            }
            HealthResult outcome;
            if (failure != null) {
                outcome = HealthResult.unhealthy(unwrap(failure));
            } else if (value == null) {
                outcome = HealthResult.unhealthy("check returned null");
            } else {
                outcome = value;
            }
            // A result that arrives after the deadline is dropped: the timeout was already reported.
            finish(outcome, took);
            release();
        }

        private void finish(HealthResult outcome, Duration took) {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            deliver(outcome, took);
        }

        private void deliver(HealthResult outcome, Duration took) {
            CheckResult shown;
            synchronized (CheckRunner.this) {
                shown = accept(outcome, took);
            }
            result.complete(shown);
        }

        /** The work has returned (or never started): a new invocation may run. */
        private void release() {
            synchronized (CheckRunner.this) {
                if (running == this) {
                    running = null;
                }
            }
        }
    }
}
