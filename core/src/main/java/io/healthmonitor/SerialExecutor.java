package io.healthmonitor;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs tasks one at a time, in submission order, on a delegate executor: listeners see changes in order. */
final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private @Nullable Runnable active;

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(() -> {
            try {
                task.run();
            } finally {
                scheduleNext();
            }
        });
        if (active == null) {
            scheduleNext();
        }
    }

    private synchronized void scheduleNext() {
        active = tasks.poll();
        if (active != null) {
            try {
                delegate.execute(active);
            } catch (RuntimeException refused) {
                LOG.warn("health listeners not told, the executor refused: {}", HealthResult.describe(refused));
                tasks.clear();
                active = null;
            }
        }
    }
}
