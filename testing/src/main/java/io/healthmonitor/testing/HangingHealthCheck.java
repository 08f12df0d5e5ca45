package io.healthmonitor.testing;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A check that blocks like a client stuck on a dead connection: every invocation waits until
 * {@link #release()} or until its thread is interrupted, and the check records both.
 *
 * <pre>{@code
 * HangingHealthCheck hanging = new HangingHealthCheck();
 * HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
 *     .register(CheckRegistration.builder("db", hanging).timeout(Duration.ofMillis(100)).build())
 *     .build();
 * assertThat(monitor.report()).hasCheck("db").withStatus(HealthStatus.UNHEALTHY);
 * assertThat(hanging.awaitInterruptions(1, Duration.ofSeconds(5))).isTrue();   // the engine interrupted it
 * hanging.release();
 * }</pre>
 *
 * <p>An interrupted invocation counts the interruption and throws {@link InterruptedException}.
 * After {@link #release()} every blocked invocation, and every later one, returns the result given
 * at construction at once. The {@code await} methods are bounded waits for the engine's threads,
 * not sleeps. Thread-safe.
 */
public final class HangingHealthCheck implements HealthCheck {

    private final HealthResult afterRelease;
    private final CountDownLatch released = new CountDownLatch(1);
    private final Object lock = new Object();
    private int invocations;
    private int interruptions;
    private int blocked;

    /** Creates a check that hangs, then returns {@link HealthResult#healthy()} once released. */
    public HangingHealthCheck() {
        this(HealthResult.healthy());
    }

    /**
     * Creates a check that hangs, then returns {@code afterRelease} once released.
     *
     * @param afterRelease the result of invocations that end by {@link #release()}
     * @throws NullPointerException if {@code afterRelease} is null
     */
    public HangingHealthCheck(HealthResult afterRelease) {
        this.afterRelease = Objects.requireNonNull(afterRelease, "afterRelease");
    }

    /**
     * Blocks until released or interrupted.
     *
     * @param context the invocation's context (not used)
     * @return the result given at construction, once released
     * @throws InterruptedException when the invoking thread is interrupted first
     */
    @Override
    public HealthResult check(CheckContext context) throws InterruptedException {
        synchronized (lock) {
            invocations++;
            blocked++;
            lock.notifyAll();
        }
        try {
            released.await();
            return afterRelease;
        } catch (InterruptedException e) {
            synchronized (lock) {
                interruptions++;
                lock.notifyAll();
            }
            throw e;
        } finally {
            synchronized (lock) {
                blocked--;
                lock.notifyAll();
            }
        }
    }

    /** Ends every blocked invocation, and makes later ones return at once. Idempotent. */
    public void release() {
        released.countDown();
    }

    /**
     * Returns whether {@link #release()} was called.
     *
     * @return true once released
     */
    public boolean isReleased() {
        return released.getCount() == 0;
    }

    /**
     * Returns how many times the check has been invoked.
     *
     * @return the number of invocations so far
     */
    public int invocations() {
        synchronized (lock) {
            return invocations;
        }
    }

    /**
     * Returns how many invocations ended because their thread was interrupted.
     *
     * @return the number of interruptions so far
     */
    public int interruptions() {
        synchronized (lock) {
            return interruptions;
        }
    }

    /**
     * Returns how many invocations are blocked now.
     *
     * @return the number of invocations waiting for release or interruption
     */
    public int blocked() {
        synchronized (lock) {
            return blocked;
        }
    }

    /**
     * Waits, at most {@code timeout}, until the check has been invoked at least {@code count} times.
     *
     * @param count   the number of invocations to wait for
     * @param timeout the longest wait
     * @return true if reached, false on timeout
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitInvocations(int count, Duration timeout) throws InterruptedException {
        return await(() -> invocations, count, timeout);
    }

    /**
     * Waits, at most {@code timeout}, until at least {@code count} invocations were interrupted.
     *
     * @param count   the number of interruptions to wait for
     * @param timeout the longest wait
     * @return true if reached, false on timeout
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitInterruptions(int count, Duration timeout) throws InterruptedException {
        return await(() -> interruptions, count, timeout);
    }

    /**
     * Waits, at most {@code timeout}, until no invocation is blocked.
     *
     * @param timeout the longest wait
     * @return true if none is blocked, false on timeout
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitNoneBlocked(Duration timeout) throws InterruptedException {
        return await(() -> -blocked, 0, timeout);
    }

    private boolean await(IntSupplier value, int atLeast, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (value.getAsInt() < atLeast) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, remaining);
            }
            return true;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "HangingHealthCheck[" + (isReleased() ? "released" : "hanging") + ", invocations=" + invocations
                    + ", interruptions=" + interruptions + ", blocked=" + blocked + "]";
        }
    }
}
