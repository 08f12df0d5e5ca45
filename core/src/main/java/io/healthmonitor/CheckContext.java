package io.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * What the engine tells one invocation of a {@link HealthCheck}: the check's registered name, the
 * deadline by which its result is due, and the monitor's clock.
 *
 * <p>The deadline is the registration's timeout (its start-up timeout for the first invocation),
 * counted from when the invocation was requested: time spent waiting for a free worker counts.
 * {@link #remaining()} and {@link #clientTimeout()} are measured with {@link System#nanoTime()},
 * so they are right even when the monitor runs on a test clock; {@link #deadline()} is the same
 * moment on the monitor's clock, for messages and details.
 *
 * <p>Derive every client timeout from {@link #clientTimeout()}: it leaves the check a margin to
 * report its own, precise failure ("no PONG within 480 ms") before the engine expires the
 * invocation with a plain "timed out".
 *
 * <p>Immutable and thread-safe. Tests that call a check directly build one with {@link #of(String, Duration)}.
 */
public final class CheckContext {

    /** The longest margin {@link #clientTimeout()} keeps for reporting. */
    static final Duration MAX_MARGIN = Duration.ofMillis(100);
    private static final long MIN_CLIENT_TIMEOUT_NANOS = Duration.ofMillis(1).toNanos();

    private final String name;
    private final long deadlineNanos;
    private final Duration timeout;
    private final InstantSource clock;
    private final Instant startedAt;

    CheckContext(String name, long startNanos, Duration timeout, Instant startedAt, InstantSource clock) {
        this.name = name;
        this.deadlineNanos = startNanos + timeout.toNanos();
        this.timeout = timeout;
        this.clock = clock;
        this.startedAt = startedAt;
    }

    /** When the invocation was requested, on the monitor's clock. */
    Instant startedAt() {
        return startedAt;
    }

    /**
     * Returns a context whose deadline is {@code timeout} from now on the system clock, for calling
     * a check outside a monitor (tests, a command-line probe).
     *
     * @param name    the name the check is known by
     * @param timeout how long the check may take
     * @return the context
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public static CheckContext of(String name, Duration timeout) {
        return of(name, timeout, InstantSource.system());
    }

    /**
     * Returns a context whose deadline is {@code timeout} from now, with wall time from {@code clock}.
     *
     * @param name    the name the check is known by
     * @param timeout how long the check may take
     * @param clock   the source of wall time the check may read
     * @return the context
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public static CheckContext of(String name, Duration timeout, InstantSource clock) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(clock, "clock");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0");
        }
        return new CheckContext(name, System.nanoTime(), timeout, clock.instant(), clock);
    }

    /**
     * Returns the check's registered name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns when the result is due, on the monitor's clock.
     *
     * @return the deadline
     */
    public Instant deadline() {
        return startedAt.plus(timeout);
    }

    /**
     * Returns the whole time this invocation was given: the registration's timeout, or its start-up
     * timeout for the first invocation.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Returns the time left until the deadline.
     *
     * @return the remaining time; zero once the deadline has passed, never negative
     */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /**
     * Returns the timeout to give a client call now: the remaining time less a margin for the check
     * to report its own failure before the deadline (a tenth of the timeout, at most 100 ms). Never
     * less than one millisecond, so that it is safe to pass to APIs where zero means "wait forever".
     *
     * @return the client timeout, at least 1 ms
     */
    public Duration clientTimeout() {
        long margin = Math.min(MAX_MARGIN.toNanos(), timeout.toNanos() / 10);
        return Duration.ofNanos(Math.max(MIN_CLIENT_TIMEOUT_NANOS, deadlineNanos - System.nanoTime() - margin));
    }

    /**
     * Returns whether the deadline has passed.
     *
     * @return true when no time remains
     */
    public boolean expired() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /**
     * Returns the monitor's source of wall time (the system clock outside a monitor, unless given).
     *
     * @return the clock
     */
    public InstantSource clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "CheckContext[name=" + name + ", timeout=" + timeout + ", remaining=" + remaining() + "]";
    }
}
