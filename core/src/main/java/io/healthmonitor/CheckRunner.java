package io.healthmonitor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Decides when one registered check runs, and keeps what it found: the invocation in flight and
 * the latest result. All of it is guarded by {@code this}, except that reports which only serve
 * the latest result read it without the lock, so concurrent reports of a cached check never queue.
 *
 * <p>Invariants: at most one invocation runs at a time (a hung one blocks new ones until it
 * returns); every result is complete by its invocation's deadline, because whoever waits for it
 * expires it then (see {@link Invocation}). The result's shape comes from the registration
 * ({@link CheckRegistration#resultOf}), its age from {@link Staleness}, its reported status from
 * {@link HysteresisState}; every result and change is recorded in its {@link Timeline}.
 */
final class CheckRunner {

    /** A check whose worker time was below this last time is run in a report's {@link Batch}. */
    private static final long QUICK_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final int QUICK = 1;
    private static final int SLOW = 2;

    private static final VarHandle RUNNING;
    private static final VarHandle LATEST;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RUNNING = lookup.findVarHandle(CheckRunner.class, "running", Invocation.class);
            LATEST = lookup.findVarHandle(CheckRunner.class, "latest", CheckResult.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CheckRegistration registration;
    private final BoundedExecutor executor;
    private final ScheduledExecutorService scheduler;
    private final InstantSource clock;
    private final boolean systemClock;
    private final Listeners listeners;
    private final Staleness staleness;
    private final HysteresisState hysteresis;
    private final HistoryRecorder history;
    private final int index;
    private final Timeline timeline;

    private final CompletableFuture<Void> firstResult = new CompletableFuture<>();
    /** Written under the lock; read without it only as a hint ({@link #current}). */
    private @Nullable Invocation running;
    /** Written under the lock, with release semantics: reports that only serve it read it without the lock. */
    private @Nullable CheckResult latest;
    /** True while the registration's {@link CheckRegistration#startAfter()} stage has not completed. */
    private volatile boolean heldBack;
    /** Whether the last invocation was quick ({@link #QUICK}, {@link #SLOW}, or 0 before the first): only quick checks are batched. */
    private volatile int lastRun;

    CheckRunner(CheckRegistration registration, BoundedExecutor executor, ScheduledExecutorService scheduler,
            InstantSource clock, Listeners listeners, HistoryRecorder history, int index) {
        this.registration = registration;
        this.executor = executor;
        this.scheduler = scheduler;
        this.clock = clock;
        this.systemClock = clock == InstantSource.system();
        this.listeners = listeners;
        this.staleness = Staleness.of(registration.schedule(), registration.timeout());
        this.hysteresis = new HysteresisState(registration.hysteresis());
        this.history = history;
        this.index = index;
        this.timeline = history.timeline(registration.name());
        this.heldBack = registration.startAfter() != null;
    }

    /**
     * What a report waits for: a result due by a deadline. The report enforces the deadline of
     * the on-demand invocations it waits for itself, by expiring the ones still running when it
     * passes, so the hot path never touches the scheduler.
     */
    record Pending(CompletableFuture<CheckResult> result, long deadlineNanos, @Nullable Invocation invocation,
            boolean toStart) {
        /** The report's deadline passed: time the invocation out (or, for a first one, stop waiting for it). */
        void expire() {
            if (invocation != null) {
                invocation.expire();
            }
        }

        /** Whether the invocation was finished by someone else and its result is being delivered now. */
        boolean beingDelivered() {
            return invocation != null && !result.isDone() && invocation.isDone();
        }

        CheckResult unfinished(boolean interrupted) {
            return invocation == null ? result.join() : invocation.unfinished(interrupted);
        }
    }

    CheckRegistration registration() {
        return registration;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Completes when the check has its first result. */
    CompletableFuture<Void> firstResult() {
        return firstResult;
    }

    /** Whether the check was quick last time, so a report may run it in a batch. */
    boolean isQuick() {
        return lastRun == QUICK;
    }

    /** An invocation's worker time, to tell quick checks from slow ones. */
    void ran(long workerNanos) {
        int now = workerNanos < QUICK_NANOS ? QUICK : SLOW;
        if (lastRun != now) {
            lastRun = now;   // written on a change only: a volatile write per invocation costs a fence
        }
    }

    /**
     * Starts the first invocation, with the start-up deadline, as soon as the monitor is built, or
     * as soon as the registration's {@link CheckRegistration#startAfter()} stage completes.
     */
    void start() {
        CompletionStage<?> gate = registration.startAfter();
        if (heldBack && gate != null) {
            gate.whenComplete((value, failure) -> {
                heldBack = false;
                start();
            });
            return;
        }
        if (registration.schedule() instanceof Schedule.Background) {
            return; // its schedule starts it at once
        }
        Invocation started;
        synchronized (this) {
            if (running != null || latest != null) {
                return;
            }
            started = newInvocation(clock.instant(), System.nanoTime());
            running = started;
        }
        dispatchAlone(started);
    }

    /**
     * Returns the result a report asked for at {@code now} ({@code nowNanos}) shows. On demand: the latest result while it is fresh, or
     * while it may still be served and a refresh runs; else the invocation in flight, else a new
     * one, which the report dispatches ({@link Pending#toStart()}). In the background: the latest
     * result, judged for staleness.
     */
    Pending current(Instant now, long nowNanos) {
        if (heldBack) {
            return done(registration.notYetChecked(now));
        }
        CheckResult last = (CheckResult) LATEST.getAcquire(this);
        if (registration.schedule() instanceof Schedule.Background) {
            return done(last == null ? registration.notYetChecked(now) : staleness.served(last, now));
        }
        // Without the lock when the latest result is served as it is (fresh, or a refresh already
        // runs): under load, reports of a cached check then never queue on this runner's monitor.
        if (last != null && !last.observedAt().isAfter(now)) {
            Staleness.Use use = staleness.judge(last, now);
            if (use == Staleness.Use.FRESH || (use == Staleness.Use.REFRESH && refreshRuns())) {
                return done(last);
            }
        }
        Invocation refresh = null;
        Pending answer;
        synchronized (this) {
            Instant at = now;
            if (latest != null && latest.observedAt().isAfter(at)) {
                // Stored since the report began (an invocation that finished meanwhile), or the clock
                // went back: the clock now tells them apart.
                at = clock.instant();
            }
            Staleness.Use use = latest == null ? Staleness.Use.EXPIRED : staleness.judge(latest, at);
            if (use == Staleness.Use.REFRESH && running == null) {
                refresh = newInvocation(now, nowNanos);
                running = refresh;
                answer = done(latest);
            } else if (use == Staleness.Use.REFRESH && running.isTimedOut()) {
                // A hung invocation holds the refresh back: what can be told now is that it still runs.
                // Told once a TTL, the result stays servable until the refresh after it can be made, so
                // the report that starts that refresh, late, need not wait for it.
                answer = done(stillRunning(running));
            } else if (use != Staleness.Use.EXPIRED) {
                answer = done(latest);
            } else if (running != null && !running.isTimedOut()) {
                answer = pending(running);
            } else if (running != null) {
                answer = done(stillRunning(running));
            } else {
                Invocation started = newInvocation(now, nowNanos);
                running = started;
                answer = new Pending(started.result, pendingDeadline(started), started, true);
            }
        }
        if (refresh != null) {
            dispatchAlone(refresh);
        }
        return answer;
    }

    /** Whether a refresh is under way, read without the lock: an invocation runs and is not past its deadline. */
    private boolean refreshRuns() {
        Invocation invocation = (Invocation) RUNNING.getOpaque(this);
        return invocation != null && !invocation.isTimedOut();
    }

    /** Called by the monitor's scheduler for background checks: starts an invocation unless one runs. */
    void runInBackground() {
        if (heldBack) {
            return;
        }
        Invocation started;
        synchronized (this) {
            if (running != null) {
                if (running.isTimedOut()) {
                    stillRunning(running);
                }
                return;
            }
            started = newInvocation(clock.instant(), System.nanoTime());
            running = started;
        }
        dispatchAlone(started);
    }

    /** Must hold the lock. The first invocation of a check gets the start-up deadline. */
    private Invocation newInvocation(Instant now, long startNanos) {
        boolean first = latest == null;
        Duration timeout = first ? registration.startupTimeout() : registration.timeout();
        CheckContext context = new CheckContext(registration.name(), startNanos, timeout, now, clock);
        return new Invocation(this, context, startNanos, first);
    }

    /** Runs an invocation that no report waits for: a timer enforces its deadline. */
    private void dispatchAlone(Invocation invocation) {
        invocation.enforceDeadline(scheduler);
        executor.execute(invocation);
    }

    private Pending pending(Invocation invocation) {
        return new Pending(invocation.result, pendingDeadline(invocation), invocation, false);
    }

    /**
     * A report waits for a first invocation only as long as for any other; after that it shows
     * "not yet checked" and the start-up deadline keeps running.
     */
    private long pendingDeadline(Invocation invocation) {
        return invocation.first ? invocation.startNanos + registration.timeout().toNanos() : invocation.deadlineNanos();
    }

    private static Pending done(CheckResult result) {
        return new Pending(CompletableFuture.completedFuture(result), 0, null, false);
    }

    /** Must hold the lock: the deadline passed and the invocation is still running, so no new one starts. */
    private CheckResult stillRunning(Invocation hung) {
        long runningMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - hung.startNanos);
        HealthResult result = HealthResult.unhealthy("timed out after " + hung.context.timeout().toMillis()
                + " ms (previous invocation still running after " + runningMillis + " ms)");
        return store(result, hung.context.timeout(), clock.instant());
    }

    /**
     * An invocation's outcome: shaped, damped by hysteresis, stored and announced. An invocation
     * that delivered its own result has returned, or is about to: it no longer holds back a new
     * one. One that timed out does until its work returns.
     *
     * @param returned the invocation's work has returned too (a blocking check delivering its own result)
     */
    synchronized CheckResult accept(Invocation invocation, HealthResult outcome, Duration took, boolean timedOut,
            boolean returned) {
        invocation.delivered = true;
        invocation.returned |= returned;
        // Cleared before the result is published: a report that reads the new result without the
        // lock must not take this invocation for a refresh still running, and skip starting one.
        if (running == invocation && (!timedOut || invocation.returned)) {
            running = null;
        }
        return store(outcome, took, observedAt(invocation, took));
    }

    /**
     * When an invocation's result was produced: on the system clock, its start plus the time it
     * took, which spares a second clock read per invocation; on any other clock (a test's), the
     * clock's time now.
     */
    private Instant observedAt(Invocation invocation, Duration took) {
        return systemClock ? invocation.context.startedAt().plus(took) : clock.instant();
    }

    /** Must hold the lock. */
    private CheckResult store(HealthResult outcome, Duration took, Instant observedAt) {
        CheckResult result = registration.resultOf(outcome, took, observedAt);
        HealthStatus before = hysteresis.reported();
        CheckResult shown = hysteresis.apply(result);
        LATEST.setRelease(this, shown);
        if (!firstResult.isDone()) {
            firstResult.complete(null);   // a CAS on every result otherwise
        }
        timeline.sample(result.observedAt(), result.duration().toNanos(), result.status());
        listeners.result(result);
        if (shown.status() != before) {
            StatusChange change = new StatusChange(registration.name(), before, shown.status(), shown);
            timeline.change(new HealthHistory.Change(before, shown.status(), shown.observedAt(), shown.message()));
            history.changed(index, change);
            listeners.change(change);
        }
        return shown;
    }

    /** A copy of the check's history at or after {@code cutoffMillis}, and the change before it. */
    synchronized HealthHistory.Check history(long cutoffMillis) {
        return timeline.snapshot(cutoffMillis);
    }

    /**
     * The invocation's work has returned (or never started): a new one may run once its result is
     * stored too (a timeout may still be on its way from the scheduler's thread).
     */
    synchronized void released(Invocation invocation) {
        invocation.returned = true;
        if (running == invocation && invocation.delivered) {
            running = null;
        }
    }
}
