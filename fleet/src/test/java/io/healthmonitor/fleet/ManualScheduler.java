package io.healthmonitor.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose time moves only when the test says so: tasks run on the test's thread, in
 * {@link #runDue()} and {@link #advance(Duration)}, never on their own. Not thread-safe.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final List<Task> tasks = new ArrayList<>();
    private long now;
    private long nextSequence;
    private boolean shutdown;

    /** Runs every task that is due now, including those that the tasks run here schedule for now. */
    void runDue() {
        Task next;
        while ((next = nextDue()) != null) {
            tasks.remove(next);
            next.run();
        }
    }

    /** Moves time forward, running every task on the way when it is due. */
    void advance(Duration duration) {
        long until = now + duration.toNanos();
        runDue();
        Task next;
        while ((next = tasks.stream().filter(task -> task.due <= until).min(Task.ORDER).orElse(null)) != null) {
            now = next.due;
            runDue();
        }
        now = until;
    }

    /** The delays, from now, of the tasks waiting (periodic ones included). */
    List<Duration> pending() {
        return tasks.stream().sorted(Task.ORDER).map(task -> Duration.ofNanos(task.due - now)).toList();
    }

    private Task nextDue() {
        return tasks.stream().filter(task -> task.due <= now).min(Task.ORDER).orElse(null);
    }

    private Task add(Runnable command, long delayNanos, long periodNanos) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        Task task = new Task(command, now + Math.max(0, delayNanos), periodNanos, nextSequence++);
        tasks.add(task);
        return task;
    }

    @Override
    public void execute(Runnable command) {
        add(command, 0, 0);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, unit.toNanos(delay), 0);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not needed by the tests");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(command, unit.toNanos(initialDelay), unit.toNanos(period));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(command, unit.toNanos(initialDelay), unit.toNanos(delay));
    }

    @Override
    public void shutdown() {
        shutdown = true;
        tasks.clear();
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }

    private final class Task implements ScheduledFuture<Void> {

        static final Comparator<Task> ORDER = Comparator.<Task>comparingLong(task -> task.due).thenComparingLong(task -> task.sequence);

        private final Runnable command;
        private final long period;
        private final long sequence;
        private long due;
        private boolean cancelled;
        private boolean done;

        Task(Runnable command, long due, long period, long sequence) {
            this.command = command;
            this.due = due;
            this.period = period;
            this.sequence = sequence;
        }

        void run() {
            command.run();
            if (period > 0 && !cancelled && !shutdown) {
                due += period;
                tasks.add(this);
            } else {
                done = true;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - now, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done) {
                return false;
            }
            cancelled = true;
            done = true;
            tasks.remove(this);
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public Void get() {
            throw new UnsupportedOperationException("not needed by the tests");
        }

        @Override
        public Void get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("not needed by the tests");
        }
    }
}
