package io.healthmonitor;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs a monitor's checks on a delegate executor with at most {@code limit} workers, whatever
 * executor it was given.
 *
 * <p>Workers drain a shared queue, and a new worker is woken only when work waits and no other
 * worker is already on its way: trivial checks then run back to back on a thread or two instead
 * of paying one thread handoff each, while slow checks still fan out, one wake-up after another,
 * to as many threads as there are checks (up to the limit). A worker whose check hangs keeps its
 * slot until the check returns: the bound is on threads, not on results.
 */
final class BoundedExecutor {

    /** A task that learns when the delegate refused it. */
    interface Task extends Runnable {
        void rejected(RuntimeException cause);
    }

    /** How long an idle worker spins for more work before it leaves. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    private final Executor delegate;
    private final int limit;
    private final Queue<Task> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger workers = new AtomicInteger();
    private final AtomicInteger starting = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();

    BoundedExecutor(Executor delegate, int limit) {
        this.delegate = delegate;
        this.limit = limit;
    }

    void execute(Task task) {
        queue.add(task);
        signal();
    }

    /** The number of tasks running now, hung ones included (at most the limit). */
    int active() {
        return active.get();
    }

    /** Wakes one more worker when work waits, none is already on its way, and the bound allows. */
    private void signal() {
        while (!queue.isEmpty() && starting.get() == 0) {
            int count = workers.get();
            if (count >= limit) {
                return;
            }
            if (!workers.compareAndSet(count, count + 1)) {
                continue;
            }
            starting.incrementAndGet();
            try {
                delegate.execute(this::work);
                return;
            } catch (RuntimeException refused) {
                starting.decrementAndGet();
                workers.decrementAndGet();
                Task lost = queue.poll();
                if (lost != null) {
                    lost.rejected(refused);
                }
            }
        }
    }

    /**
     * Spins a few microseconds for the next task before the worker leaves: reports that follow each
     * other closely then find a worker running instead of waking one. Counts as a worker on its way,
     * so that no other is woken for the task it takes.
     */
    private @Nullable Task awaitMore() {
        starting.incrementAndGet();
        try {
            long until = System.nanoTime() + SPIN_NANOS;
            do {
                Thread.onSpinWait();
                Task task = queue.poll();
                if (task != null) {
                    return task;
                }
            } while (System.nanoTime() - until < 0);
            return null;
        } finally {
            starting.decrementAndGet();
        }
    }

    private void work() {
        starting.decrementAndGet();
        try {
            Task task;
            while ((task = queue.poll()) != null || (task = awaitMore()) != null) {
                signal();
                active.incrementAndGet();
                try {
                    task.run();
                } finally {
                    active.decrementAndGet();
                }
            }
        } finally {
            workers.decrementAndGet();
            // A task queued after the last poll, while this worker still counted, must not wait.
            signal();
        }
    }
}
