package io.healthmonitor;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs at most {@code limit} tasks at once on a delegate executor and queues the rest, so a
 * monitor's concurrency is bounded whatever executor it was given. A task whose work hangs keeps
 * its slot until it returns: the bound is on threads, not on results.
 */
final class BoundedExecutor {

    /** A task that learns when the delegate refused it. */
    interface Task extends Runnable {
        void rejected(RuntimeException cause);
    }

    private final Executor delegate;
    private final int limit;
    private final Queue<Task> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger active = new AtomicInteger();

    BoundedExecutor(Executor delegate, int limit) {
        this.delegate = delegate;
        this.limit = limit;
    }

    void execute(Task task) {
        queue.add(task);
        drain();
    }

    /** The number of tasks running now (at most the limit). */
    int active() {
        return active.get();
    }

    private void drain() {
        // Whoever adds a task or finishes one drains, so no queued task is forgotten.
        while (!queue.isEmpty()) {
            int running = active.get();
            if (running >= limit) {
                return;
            }
            if (!active.compareAndSet(running, running + 1)) {
                continue;
            }
            Task next = queue.poll();
            if (next == null) {
                active.decrementAndGet();
                continue;
            }
            try {
                delegate.execute(() -> {
                    try {
                        next.run();
                    } finally {
                        active.decrementAndGet();
                        drain();
                    }
                });
            } catch (RuntimeException refused) {
                active.decrementAndGet();
                next.rejected(refused);
            }
        }
    }
}
