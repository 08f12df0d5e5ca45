package io.healthmonitor;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A report's quick invocations, run one after another by one worker: a report of a hundred
 * trivial checks pays one thread hand-off, not a hundred. Every invocation still runs off the
 * requesting thread and under its own deadline.
 *
 * <p>Workers claim invocations one at a time, so more workers can join: when one invocation turns
 * out slow, the waiting report {@link #rescue() rescues} the rest by dispatching the batch again,
 * and the next worker goes on with the invocations nobody has claimed.
 */
final class Batch implements BoundedExecutor.Task {

    /** How long one invocation may hold up the rest before another worker takes them over. */
    static final long RESCUE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<Invocation> invocations;
    private final BoundedExecutor executor;
    private final AtomicInteger next = new AtomicInteger();
    private volatile long lastClaimNanos = System.nanoTime();

    Batch(List<Invocation> invocations, BoundedExecutor executor) {
        this.invocations = invocations;
        this.executor = executor;
    }

    @Override
    public void run() {
        int index;
        while ((index = next.getAndIncrement()) < invocations.size()) {
            lastClaimNanos = System.nanoTime();
            invocations.get(index).run();
        }
    }

    @Override
    public void rejected(RuntimeException cause) {
        int index;
        while ((index = next.getAndIncrement()) < invocations.size()) {
            invocations.get(index).rejected(cause);
        }
    }

    /** Whether some invocation has not been claimed by a worker yet. */
    boolean hasUnclaimed() {
        return next.get() < invocations.size();
    }

    /**
     * Called by a report that waited a while: when no invocation was claimed for
     * {@link #RESCUE_AFTER_NANOS}, the one running is slow (or no worker came), so another worker
     * takes over the unclaimed ones.
     */
    void rescue() {
        long now = System.nanoTime();
        if (hasUnclaimed() && now - lastClaimNanos >= RESCUE_AFTER_NANOS) {
            lastClaimNanos = now;
            executor.execute(this);
        }
    }
}
