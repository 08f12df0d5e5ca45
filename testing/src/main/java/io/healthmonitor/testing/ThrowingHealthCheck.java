package io.healthmonitor.testing;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A check that always throws the same failure, as a broken client would, and counts its invocations.
 *
 * <pre>{@code
 * ThrowingHealthCheck broken = new ThrowingHealthCheck(new ConnectException("Connection refused"));
 * }</pre>
 *
 * <p>An {@link Exception} or {@link Error} is thrown as is; any other {@link Throwable} wrapped in
 * an {@link java.lang.reflect.UndeclaredThrowableException}. The same instance is thrown by every
 * invocation. Thread-safe.
 */
public final class ThrowingHealthCheck implements HealthCheck {

    private final Throwable failure;
    private final AtomicInteger invocations = new AtomicInteger();

    /**
     * Creates a check that throws {@code failure}.
     *
     * @param failure the failure to throw
     * @throws NullPointerException if {@code failure} is null
     */
    public ThrowingHealthCheck(Throwable failure) {
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /**
     * Returns the failure this check throws.
     *
     * @return the failure
     */
    public Throwable failure() {
        return failure;
    }

    /**
     * Returns how many times the check has been invoked.
     *
     * @return the number of invocations so far
     */
    public int invocations() {
        return invocations.get();
    }

    /**
     * Throws the failure.
     *
     * @param context the invocation's context (not used)
     * @return never
     * @throws Exception always: the failure
     */
    @Override
    public HealthResult check(CheckContext context) throws Exception {
        invocations.incrementAndGet();
        throw Failures.toThrow(failure);
    }

    @Override
    public String toString() {
        return "ThrowingHealthCheck[" + failure + ", invocations=" + invocations() + "]";
    }
}
