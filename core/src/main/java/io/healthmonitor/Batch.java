package io.healthmonitor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A report's quick invocations, run one after another by one worker: a report of a hundred
 * trivial checks pays one thread hand-off, not a hundred. Every invocation still runs off the
 * requesting thread and under its own deadline.
 *
 * <p>The report dispatches the batch before it has finished adding invocations, so that waking a
 * worker overlaps with preparing the rest: the worker runs what is published and waits (spinning:
 * the report adds one every few hundred nanoseconds) until the report {@link #seal() seals} it.
 * Workers claim invocations one at a time, so more workers can join: when one invocation turns out
 * slow, the waiting report {@link #rescue() rescues} the rest by dispatching the batch again.
 */
final class Batch implements BoundedExecutor.Task {

    /**
     * How often a waiting report looks at the batch's progress: an invocation that holds up the
     * rest for one to two of these is left behind by another worker.
     */
    static final long RESCUE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final VarHandle PUBLISHED;

    static {
        try {
            PUBLISHED = MethodHandles.lookup().findVarHandle(Batch.class, "published", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Invocation[] invocations;
    private final BoundedExecutor executor;
    /**
     * The workers' claims. Allocated after the array, so that it does not share a cache line with
     * {@link #published}, which the report's thread writes for every invocation: a claim would
     * otherwise wait for that line on every invocation (about 1-2 us per report of 100).
     */
    private final AtomicInteger next;
    /**
     * Written by the report's thread only, with release semantics: that publishes the invocation
     * before it (a volatile write would add a full fence per invocation); workers read it with acquire.
     */
    private int published;
    private volatile boolean sealed;
    private volatile @Nullable RuntimeException rejection;
    /** Workers inside {@link #run()}: when none is at {@link #seal()}, the batch is dispatched again. */
    private final AtomicInteger inside = new AtomicInteger();
    private final Thread creator = Thread.currentThread();
    /** Guarded by this: claims seen at the last rescue look, -1 before the first. */
    private int claimedAtLastLook = -1;

    Batch(int capacity, BoundedExecutor executor) {
        this.invocations = new Invocation[capacity];
        this.next = new AtomicInteger();
        this.executor = executor;
    }

    /** Called by the report's thread: one more invocation to run. */
    void add(Invocation invocation) {
        int index = published;
        invocations[index] = invocation;
        PUBLISHED.setRelease(this, index + 1);
        if (rejection != null) {
            rejectUnclaimed();
        }
    }

    /** Called by the report's thread once every invocation is added. */
    void seal() {
        sealed = true;
        // The volatile write fences the releases of add(): either rejected() sees every invocation, or this sees its cause.
        if (rejection != null) {
            rejectUnclaimed();
            return;
        }
        // No worker took the batch yet, or the executor ran it on this very thread (a direct
        // executor), before anything was added: dispatch it again for what is unclaimed.
        if (hasUnclaimed() && inside.get() == 0) {
            executor.execute(this);
        }
    }

    int size() {
        return published;
    }

    @Override
    public void run() {
        inside.incrementAndGet();
        try {
            work();
        } finally {
            inside.decrementAndGet();
        }
    }

    private void work() {
        int spins = 0;
        long returned = System.nanoTime();   // when the last invocation returned: the next one's start
        while (true) {
            boolean complete = sealed;
            int index = next.get();
            if (index < (int) PUBLISHED.getAcquire(this)) {
                if (next.compareAndSet(index, index + 1)) {
                    if (spins > 0) {
                        returned = System.nanoTime();   // waited for the report to add it
                        spins = 0;
                    }
                    returned = invocations[index].run(returned);
                }
            } else if (complete || Thread.currentThread() == creator) {
                return; // done, or run inline by the report's own thread, which cannot add while it waits here
            } else if (++spins % 1024 == 0) {
                Thread.yield(); // the report's thread was descheduled while adding
            } else {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void rejected(RuntimeException cause) {
        rejection = cause;
        rejectUnclaimed();
    }

    private void rejectUnclaimed() {
        RuntimeException cause = rejection;
        int index;
        while (cause != null && (index = next.get()) < (int) PUBLISHED.getAcquire(this)) {
            if (next.compareAndSet(index, index + 1)) {
                invocations[index].rejected(cause);
            }
        }
    }

    /** Whether some invocation has not been claimed by a worker yet. */
    boolean hasUnclaimed() {
        return next.get() < (int) PUBLISHED.getAcquire(this);
    }

    /**
     * Called by a report every {@link #RESCUE_AFTER_NANOS} it waits: when no invocation was claimed
     * since its last look (or none at all yet), the one running is slow, or no worker came, so
     * another worker takes over the unclaimed ones.
     */
    synchronized void rescue() {
        int claimed = next.get();
        if (claimed < (int) PUBLISHED.getAcquire(this) && (claimed == 0 || claimed == claimedAtLastLook)) {
            executor.execute(this);
        }
        claimedAtLastLook = claimed;
    }
}
