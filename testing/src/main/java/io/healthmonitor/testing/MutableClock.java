package io.healthmonitor.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until the test moves it, for deterministic cache TTLs,
 * staleness and timestamps: pass it to {@code HealthMonitor.builder().clock(..)}.
 *
 * <pre>{@code
 * MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
 * HealthMonitor monitor = HealthMonitor.builder().clock(clock).register("db", stub).build();
 * clock.advance(Duration.ofSeconds(2));   // past the 1 s cache TTL
 * }</pre>
 *
 * <p>Thread-safe: the engine's threads read the instant while the test moves it; every read sees
 * the latest {@link #advance(Duration)} or {@link #set(Instant)}. Clocks made by
 * {@link #withZone(ZoneId)} share this clock's instant.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> instant;
    private final ZoneId zone;

    /**
     * Creates a clock at {@code start}, in UTC.
     *
     * @param start the initial instant
     * @throws NullPointerException if {@code start} is null
     */
    public MutableClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    /**
     * Creates a clock at {@code start} in {@code zone}.
     *
     * @param start the initial instant
     * @param zone  the time zone
     * @throws NullPointerException if an argument is null
     */
    public MutableClock(Instant start, ZoneId zone) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), zone);
    }

    private MutableClock(AtomicReference<Instant> instant, ZoneId zone) {
        this.instant = instant;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Moves the clock forward.
     *
     * @param amount how far; zero leaves it where it is
     * @return the new instant
     * @throws NullPointerException     if {@code amount} is null
     * @throws IllegalArgumentException if {@code amount} is negative (use {@link #set(Instant)} to go back)
     */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must be >= 0");
        }
        return instant.updateAndGet(now -> now.plus(amount));
    }

    /**
     * Sets the clock to {@code value}, forward or backward.
     *
     * @param value the new instant
     * @throws NullPointerException if {@code value} is null
     */
    public void set(Instant value) {
        instant.set(Objects.requireNonNull(value, "value"));
    }

    /**
     * Returns the current instant, which changes only when the test moves the clock.
     *
     * @return the instant
     */
    @Override
    public Instant instant() {
        return instant.get();
    }

    /**
     * Returns the time zone.
     *
     * @return the zone
     */
    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * Returns a clock in another zone that shares this clock's instant: moving either moves both.
     *
     * @param newZone the time zone
     * @return a clock sharing this one's instant
     * @throws NullPointerException if {@code newZone} is null
     */
    @Override
    public MutableClock withZone(ZoneId newZone) {
        return new MutableClock(instant, newZone);
    }

    @Override
    public String toString() {
        return "MutableClock[" + instant.get() + ", " + zone + "]";
    }
}
