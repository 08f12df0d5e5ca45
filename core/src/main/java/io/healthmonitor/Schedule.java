package io.healthmonitor;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When a registered check runs.
 *
 * <ul>
 *   <li>{@link #onDemand(Duration)}: reports run the check, and its result is cached for a TTL.
 *       Concurrent requests share one invocation (single-flight). Once the result is older than
 *       the TTL, the next report starts a refresh and is answered from the previous result
 *       (refresh-ahead), as long as that result is younger than the max staleness; a report waits
 *       for an invocation only when there is no result yet or the last one is too old.</li>
 *   <li>{@link #background(Duration)}: the check runs every interval on the monitor's scheduler
 *       and reports serve its latest result; a result older than the max age is reported
 *       unhealthy as stale.</li>
 * </ul>
 *
 * <p>Either way, every check runs once as soon as its monitor is built. Values are immutable and
 * thread-safe.
 */
public sealed interface Schedule permits Schedule.OnDemand, Schedule.Background {

    /** The default cache TTL of on-demand checks: one second. */
    Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(1);

    /** The longest TTL, max staleness, interval or max age a schedule accepts: 365 days. */
    Duration MAX_DURATION = Duration.ofDays(365);

    /**
     * Runs the check when a report asks for it, caching its result for one second.
     *
     * @return the default schedule
     */
    static OnDemand onDemand() {
        return new OnDemand(DEFAULT_CACHE_TTL, null);
    }

    /**
     * Runs the check when a report asks for it, caching its result for {@code cacheTtl}, with the
     * default max staleness (the TTL plus the check's timeout).
     *
     * @param cacheTtl how long a result is served before the check runs again; zero turns the cache
     *                 and refresh-ahead off (every report runs the check, concurrent ones still share
     *                 one invocation)
     * @return the schedule
     * @throws IllegalArgumentException if {@code cacheTtl} is negative or longer than {@link #MAX_DURATION}
     */
    static OnDemand onDemand(Duration cacheTtl) {
        return new OnDemand(cacheTtl, null);
    }

    /**
     * Runs the check every {@code interval} in the background; results older than three intervals are stale.
     *
     * @param interval the time between the starts of two invocations
     * @return the schedule
     * @throws IllegalArgumentException if {@code interval} is not positive or longer than {@link #MAX_DURATION}
     */
    static Background background(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        atMostMax(interval, "interval");
        return new Background(interval, interval.compareTo(MAX_DURATION.dividedBy(3)) > 0 ? MAX_DURATION
                : interval.multipliedBy(3));
    }

    /** Durations end up in nanoseconds and sums of them: FOREVER used to fail with a bare "long overflow". */
    private static void atMostMax(Duration value, String what) {
        if (value.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_DURATION.toDays() + " days, was " + value);
        }
    }

    /**
     * On-demand scheduling with a result cache and refresh-ahead.
     *
     * @param cacheTtl     how long a result is served before the check runs again
     * @param maxStaleness how old a result may be and still be served while a refresh runs; null for
     *                     the default, the TTL plus the check's timeout (zero when the TTL is zero)
     */
    record OnDemand(Duration cacheTtl, @Nullable Duration maxStaleness) implements Schedule {
        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code cacheTtl} is negative or {@code maxStaleness} is shorter than it
         */
        public OnDemand {
            Objects.requireNonNull(cacheTtl, "cacheTtl");
            if (cacheTtl.isNegative()) {
                throw new IllegalArgumentException("cacheTtl must be >= 0");
            }
            if (maxStaleness != null && maxStaleness.compareTo(cacheTtl) < 0) {
                throw new IllegalArgumentException("maxStaleness must be >= cacheTtl");
            }
            atMostMax(cacheTtl, "cacheTtl");
            if (maxStaleness != null) {
                atMostMax(maxStaleness, "maxStaleness");
            }
        }

        /**
         * Returns a copy with another max staleness: how old a result may be and still be served,
         * without waiting, while a refresh runs. Equal to the TTL, reports wait for every refresh.
         *
         * @param value the max staleness, at least the TTL
         * @return a new schedule
         * @throws IllegalArgumentException if {@code value} is shorter than the TTL
         */
        public OnDemand withMaxStaleness(Duration value) {
            return new OnDemand(cacheTtl, Objects.requireNonNull(value, "maxStaleness"));
        }

        /** The max staleness in effect for a check with the given timeout. */
        Duration maxStaleness(Duration timeout) {
            if (maxStaleness != null) {
                return maxStaleness;
            }
            return cacheTtl.isZero() ? Duration.ZERO : cacheTtl.plus(timeout);
        }
    }

    /**
     * Background scheduling.
     *
     * @param interval the time between the starts of two invocations
     * @param maxAge   the age beyond which the latest result is reported unhealthy as stale
     */
    record Background(Duration interval, Duration maxAge) implements Schedule {
        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code interval} is not positive or {@code maxAge} is shorter than it
         */
        public Background {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(maxAge, "maxAge");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be > 0");
            }
            if (maxAge.compareTo(interval) < 0) {
                throw new IllegalArgumentException("maxAge must be >= interval");
            }
            atMostMax(maxAge, "maxAge");
        }

        /**
         * Returns a copy with another max age.
         *
         * @param newMaxAge the age beyond which a result is stale
         * @return a new schedule
         * @throws IllegalArgumentException if {@code newMaxAge} is shorter than the interval
         */
        public Background withMaxAge(Duration newMaxAge) {
            return new Background(interval, newMaxAge);
        }
    }
}
