package io.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One report, from request to result: asks each selected check for its current result, dispatches
 * the invocations that must run (the quick ones in one {@link Batch}), waits for each result until
 * its own deadline, earliest first, expires what is late, and aggregates. A report therefore
 * returns by the largest deadline, whatever the checks do. Used once, by one thread.
 */
final class ReportRun {

    /** How long a report spins for a result before it parks its thread. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** How long a report waits for a result that another thread has claimed and is delivering. */
    static final Duration DELIVERY_GRACE = Duration.ofSeconds(1);

    private final BoundedExecutor executor;
    private final InstantSource clock;

    ReportRun(BoundedExecutor executor, InstantSource clock) {
        this.executor = executor;
        this.clock = clock;
    }

    HealthReport run(CheckRunner[] runners, Predicate<CheckRegistration> filter) {
        Instant timestamp = clock.instant();
        long start = System.nanoTime();
        List<CheckRunner.Pending> pending = new ArrayList<>(runners.length);
        Batch batch = null;
        for (CheckRunner runner : runners) {
            if (!filter.test(runner.registration())) {
                continue;
            }
            CheckRunner.Pending next = runner.current(timestamp, start);
            pending.add(next);
            Invocation started = next.invocation();
            if (!next.toStart() || started == null) {
                continue;
            }
            if (runner.isQuick()) {
                if (batch == null) {
                    // Dispatched at once: a worker starts on the first while the rest are prepared.
                    batch = new Batch(runners.length, executor);
                    executor.execute(batch);
                }
                batch.add(started);
            } else {
                executor.execute(started);
            }
        }
        if (batch != null) {
            batch.seal();
        }
        // Among equal deadlines the last submitted comes first: workers take checks in order, so
        // once it is done the others mostly are too, and the thread parks once rather than per check.
        List<CheckRunner.Pending> waiting = null;   // none when every result was cached
        for (int i = pending.size() - 1; i >= 0; i--) {
            if (!pending.get(i).result().isDone()) {
                if (waiting == null) {
                    waiting = new ArrayList<>(i + 1);
                }
                waiting.add(pending.get(i));
            }
        }
        boolean interrupted = false;
        if (waiting != null) {
            waiting.sort(Comparator.comparingLong(CheckRunner.Pending::deadlineNanos));
            for (CheckRunner.Pending next : waiting) {
                if (!await(next, batch)) {
                    interrupted = true;
                    break;
                }
            }
        }
        List<CheckResult> results = new ArrayList<>(pending.size());
        for (CheckRunner.Pending next : pending) {
            CompletableFuture<CheckResult> result = next.result();
            if (next.beingDelivered() && !interrupted) {
                // Expired, but claimed by the scheduler's deadline on another thread, which is delivering it now.
                try {
                    result.get(DELIVERY_GRACE.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // reported as not finished below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    interrupted = true;
                }
            }
            results.add(result.isDone() ? result.join() : next.unfinished(interrupted));
        }
        return HealthReport.of(timestamp, Duration.ofNanos(System.nanoTime() - start), results);
    }

    /**
     * Waits for one result until its deadline, then expires it; while a batch still has unclaimed
     * invocations, wakes up now and then to rescue them from a slow one.
     *
     * @return false when the thread was interrupted
     */
    private static boolean await(CheckRunner.Pending next, @Nullable Batch batch) {
        // Trivial checks finish within microseconds: spinning that long is cheaper than parking
        // the thread and waiting to be woken up again.
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (!next.result().isDone() && System.nanoTime() - spinUntil < 0) {
            Thread.onSpinWait();
        }
        while (!next.result().isDone()) {
            long left = next.deadlineNanos() - System.nanoTime();
            if (left <= 0) {
                next.expire();
                return true;
            }
            boolean rescuing = batch != null && batch.hasUnclaimed();
            try {
                next.result().get(rescuing ? Math.min(left, Batch.RESCUE_AFTER_NANOS) : left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                if (rescuing) {
                    batch.rescue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
