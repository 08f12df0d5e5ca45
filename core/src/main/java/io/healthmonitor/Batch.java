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

    /**
     * How often a waiting report looks at the batch's progress: an invocation that holds up the
     * rest for one to two of these is left behind by another worker.
     */
    static final long RESCUE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<Invocation> invocations;
    private final BoundedExecutor executor;
    private final AtomicInteger next = new AtomicInteger();
    /** Guarded by the reports that look: claims seen at the last look, -1 before the first. */
    private int claimedAtLastLook = -1;

    Batch(List<Invocation> invocations, BoundedExecutor executor) {
        this.invocations = invocations;
        this.executor = executor;
    }

    @Override
    public void run() {
        int index;
        while ((index = next.getAndIncrement()) < invocations.size()) {
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
     * Called by a report every {@link #RESCUE_AFTER_NANOS} it waits: when no invocation was claimed
     * since its last look (or none at all yet), the one running is slow, or no worker came, so
     * another worker takes over the unclaimed ones.
     */
    synchronized void rescue() {
        int claimed = next.get();
        if (claimed < invocations.size() && (claimed == 0 || claimed == claimedAtLastLook)) {
            executor.execute(this);
        }
        claimedAtLastLook = claimed;
    }
}
