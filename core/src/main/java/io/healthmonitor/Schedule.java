package io.healthmonitor;

import java.time.Duration;
import java.util.Objects;

/**
 * When a registered check runs.
 *
 * <ul>
 *   <li>{@link #onDemand(Duration)}: a report runs the check, and results are cached for a TTL;
 *       concurrent requests share one invocation (single-flight), so any number of report
 *       requests cause at most one invocation per check per TTL.</li>
 *   <li>{@link #background(Duration)}: the check runs every interval on the monitor's scheduler
 *       and reports serve its latest result; a result older than the max age is reported
 *       unhealthy as stale.</li>
 * </ul>
 *
 * <p>Values are immutable and thread-safe.
 */
public sealed interface Schedule permits Schedule.OnDemand, Schedule.Background {

    /** The default cache TTL of on-demand checks: one second. */
    Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(1);

    /**
     * Runs the check when a report asks for it, caching its result for one second.
     *
     * @return the default schedule
     */
    static OnDemand onDemand() {
        return new OnDemand(DEFAULT_CACHE_TTL);
    }

    /**
     * Runs the check when a report asks for it, caching its result for {@code cacheTtl}.
     *
     * @param cacheTtl how long a result is served before the check runs again; zero still shares
     *                 one invocation among concurrent requests
     * @return the schedule
     * @throws IllegalArgumentException if {@code cacheTtl} is negative
     */
    static OnDemand onDemand(Duration cacheTtl) {
        return new OnDemand(cacheTtl);
    }

    /**
     * Runs the check every {@code interval} in the background; results older than three intervals are stale.
     *
     * @param interval the time between the starts of two invocations
     * @return the schedule
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    static Background background(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        return new Background(interval, interval.multipliedBy(3), HealthStatus.UNHEALTHY);
    }

    /**
     * On-demand scheduling with a result cache.
     *
     * @param cacheTtl how long a result is served before the check runs again
     */
    record OnDemand(Duration cacheTtl) implements Schedule {
        /**
         * Validates the TTL.
         *
         * @throws IllegalArgumentException if {@code cacheTtl} is negative
         */
        public OnDemand {
            Objects.requireNonNull(cacheTtl, "cacheTtl");
            if (cacheTtl.isNegative()) {
                throw new IllegalArgumentException("cacheTtl must be >= 0");
            }
        }
    }

    /**
     * Background scheduling.
     *
     * @param interval      the time between the starts of two invocations
     * @param maxAge        the age beyond which the latest result is reported unhealthy as stale
     * @param initialStatus the status reported before the first result ("not yet checked")
     */
    record Background(Duration interval, Duration maxAge, HealthStatus initialStatus) implements Schedule {
        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code interval} is not positive or {@code maxAge} is shorter than it
         */
        public Background {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(maxAge, "maxAge");
            Objects.requireNonNull(initialStatus, "initialStatus");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be > 0");
            }
            if (maxAge.compareTo(interval) < 0) {
                throw new IllegalArgumentException("maxAge must be >= interval");
            }
        }

        /**
         * Returns a copy with another max age.
         *
         * @param newMaxAge the age beyond which a result is stale
         * @return a new schedule
         * @throws IllegalArgumentException if {@code newMaxAge} is shorter than the interval
         */
        public Background withMaxAge(Duration newMaxAge) {
            return new Background(interval, newMaxAge, initialStatus);
        }

        /**
         * Returns a copy with another status before the first result.
         *
         * @param newInitialStatus the status reported as "not yet checked"
         * @return a new schedule
         */
        public Background withInitialStatus(HealthStatus newInitialStatus) {
            return new Background(interval, maxAge, newInitialStatus);
        }
    }
}
