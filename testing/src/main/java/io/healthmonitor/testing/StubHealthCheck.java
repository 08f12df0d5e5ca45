package io.healthmonitor.testing;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A check whose outcome the test switches at run time: it returns the result set last, or throws
 * the failure set last, and counts its invocations.
 *
 * <pre>{@code
 * StubHealthCheck db = new StubHealthCheck();          // healthy
 * HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).register("db", db).build();
 * db.setResult(HealthResult.unhealthy("connection refused"));
 * db.setFailure(new SQLException("timeout"));
 * assertThat(db.invocations()).isEqualTo(1);
 * }</pre>
 *
 * <p>Thread-safe: the outcome may be switched while the engine invokes the check on other threads;
 * each invocation sees either the old or the new outcome.
 */
public final class StubHealthCheck implements HealthCheck {

    /** What the next invocation does: return {@code result}, or throw {@code failure} when it is set. */
    private record Outcome(HealthResult result, @Nullable Throwable failure) {
    }

    private final AtomicReference<Outcome> outcome;
    private final AtomicInteger invocations = new AtomicInteger();

    /** Creates a stub that returns {@link HealthResult#healthy()} until told otherwise. */
    public StubHealthCheck() {
        this(HealthResult.healthy());
    }

    /**
     * Creates a stub that returns {@code initial} until told otherwise.
     *
     * @param initial the result to return
     * @throws NullPointerException if {@code initial} is null
     */
    public StubHealthCheck(HealthResult initial) {
        this.outcome = new AtomicReference<>(new Outcome(Objects.requireNonNull(initial, "initial"), null));
    }

    /**
     * Makes later invocations return {@code result}, replacing any failure set before.
     *
     * @param result the result
     * @return this stub
     * @throws NullPointerException if {@code result} is null
     */
    public StubHealthCheck setResult(HealthResult result) {
        outcome.set(new Outcome(Objects.requireNonNull(result, "result"), null));
        return this;
    }

    /**
     * Makes later invocations throw {@code failure}: an {@link Exception} or {@link Error} as is,
     * any other {@link Throwable} wrapped in an {@link java.lang.reflect.UndeclaredThrowableException}.
     *
     * @param failure the failure
     * @return this stub
     * @throws NullPointerException if {@code failure} is null
     */
    public StubHealthCheck setFailure(Throwable failure) {
        outcome.set(new Outcome(HealthResult.healthy(), Objects.requireNonNull(failure, "failure")));
        return this;
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
     * Returns the current result, or throws the current failure, and counts the invocation.
     *
     * @param context the invocation's context (not used)
     * @return the result set last
     * @throws Exception the failure set last
     */
    @Override
    public HealthResult check(CheckContext context) throws Exception {
        invocations.incrementAndGet();
        Outcome current = outcome.get();
        Throwable failure = current.failure();
        if (failure != null) {
            throw Failures.toThrow(failure);
        }
        return current.result();
    }

    @Override
    public String toString() {
        Outcome current = outcome.get();
        return "StubHealthCheck[" + (current.failure() != null ? "throws " + current.failure() : current.result())
                + ", invocations=" + invocations() + "]";
    }
}
