package io.healthmonitor.spring;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.Schedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How one check is registered ({@code healthmonitor.checks.<name>.*}, {@code healthmonitor.defaults.*});
 * each unset option falls back to the defaults, then to the engine's. Mutable, as Spring binds it.
 */
public class CheckProperties {
    private @Nullable Boolean enabled;
    private @Nullable Duration timeout;
    private @Nullable Duration startupTimeout;
    private @Nullable Duration slowThreshold;
    private @Nullable Boolean critical;
    private List<String> tags = new ArrayList<>();
    private @Nullable Duration cacheTtl;
    private @Nullable Duration backgroundInterval;
    private final Hysteresis hysteresis = new Hysteresis();

    /**
     * Creates options with nothing set.
     */
    public CheckProperties() {
    }

    /**
     * Returns whether the check is registered.
     *
     * @return false to leave the check out; null when unset (registered)
     */
    public @Nullable Boolean getEnabled() {
        return enabled;
    }

    /**
     * Sets whether the check is registered.
     *
     * @param enabled false to leave the check out
     */
    public void setEnabled(@Nullable Boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns the deadline of one invocation.
     *
     * @return the timeout, or null when unset (2 s)
     */
    public @Nullable Duration getTimeout() {
        return timeout;
    }

    /**
     * Sets the deadline of one invocation; a check that misses it is reported unhealthy at the deadline.
     *
     * @param timeout the timeout
     */
    public void setTimeout(@Nullable Duration timeout) {
        this.timeout = positive(timeout, "timeout", CheckRegistration.MAX_TIMEOUT);
    }

    /**
     * Returns the deadline of the first invocation.
     *
     * @return the start-up timeout, or null when unset (the timeout or 10 s, whichever is longer)
     */
    public @Nullable Duration getStartupTimeout() {
        return startupTimeout;
    }

    /**
     * Sets the deadline of the first invocation, made as soon as the application starts.
     *
     * @param startupTimeout the start-up timeout
     */
    public void setStartupTimeout(@Nullable Duration startupTimeout) {
        this.startupTimeout = positive(startupTimeout, "startup-timeout", CheckRegistration.MAX_TIMEOUT);
    }

    /**
     * Returns the duration beyond which a successful invocation is reported degraded.
     *
     * @return the slow threshold, or null when unset (5 s)
     */
    public @Nullable Duration getSlowThreshold() {
        return slowThreshold;
    }

    /**
     * Sets the duration beyond which a successful invocation is reported degraded.
     *
     * @param slowThreshold the slow threshold
     */
    public void setSlowThreshold(@Nullable Duration slowThreshold) {
        this.slowThreshold = positive(slowThreshold, "slow-threshold", CheckRegistration.MAX_TIMEOUT);
    }

    /**
     * Returns whether the check's failure makes the service unhealthy (else only degraded).
     *
     * @return the criticality, or null when unset (critical)
     */
    public @Nullable Boolean getCritical() {
        return critical;
    }

    /**
     * Sets whether the check's failure makes the service unhealthy; false makes it degrade the service.
     *
     * @param critical the criticality
     */
    public void setCritical(@Nullable Boolean critical) {
        this.critical = critical;
    }

    /**
     * Returns the groups the check joins, such as {@code liveness} or {@code readiness}; they are
     * Actuator's health groups of the same names too.
     *
     * @return the tags, empty when unset
     */
    public List<String> getTags() {
        return tags;
    }

    /**
     * Sets the groups the check joins.
     *
     * @param tags the tags
     */
    public void setTags(List<String> tags) {
        this.tags = new ArrayList<>(tags);
    }

    /**
     * Returns how long an on-demand result is served before the check runs again.
     *
     * @return the cache TTL, or null when unset (1 s)
     */
    public @Nullable Duration getCacheTtl() {
        return cacheTtl;
    }

    /**
     * Sets how long an on-demand result is served before the check runs again; 0 turns the cache off.
     *
     * @param cacheTtl the cache TTL
     */
    public void setCacheTtl(@Nullable Duration cacheTtl) {
        if (cacheTtl != null && cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cache-ttl must be 0 (no cache) or more");
        }
        this.cacheTtl = atMost(cacheTtl, "cache-ttl", Schedule.MAX_DURATION);
    }

    /**
     * Returns the interval of a background check.
     *
     * @return the interval, or null when the check runs on demand
     */
    public @Nullable Duration getBackgroundInterval() {
        return backgroundInterval;
    }

    /**
     * Runs the check in the background at this interval instead of on demand.
     *
     * @param backgroundInterval the interval
     */
    public void setBackgroundInterval(@Nullable Duration backgroundInterval) {
        this.backgroundInterval = positive(backgroundInterval, "background-interval", Schedule.MAX_DURATION);
    }

    /**
     * Returns how many consecutive results must agree before the status changes.
     *
     * @return the hysteresis options
     */
    public Hysteresis getHysteresis() {
        return hysteresis;
    }

    /*
     * The setters refuse what the engine would refuse, so that a bad value fails while Spring binds
     * it: its failure report then names the check's properties and the option, not a bean deep in
     * the context.
     */

    private static @Nullable Duration positive(@Nullable Duration value, String name, Duration max) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(name + " must be more than 0");
        }
        return atMost(value, name, max);
    }

    private static @Nullable Duration atMost(@Nullable Duration value, String name, Duration max) {
        if (value != null && value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + max + ", was " + value);
        }
        return value;
    }

    private static @Nullable Integer atLeastOne(@Nullable Integer value, String name) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return value;
    }

    /** Consecutive results needed before a check's reported status changes. */
    public static class Hysteresis {
        private @Nullable Integer failures;
        private @Nullable Integer recoveries;

        /**
         * Creates options with nothing set.
         */
        public Hysteresis() {
        }

        /**
         * Returns the consecutive failures needed before a healthy check is reported failing.
         *
         * @return the count, or null when unset (1)
         */
        public @Nullable Integer getFailures() {
            return failures;
        }

        /**
         * Sets the consecutive failures needed before a healthy check is reported failing.
         *
         * @param failures the count, at least 1
         */
        public void setFailures(@Nullable Integer failures) {
            this.failures = atLeastOne(failures, "failures");
        }

        /**
         * Returns the consecutive successes needed before a failing check is reported healthy again.
         *
         * @return the count, or null when unset (1)
         */
        public @Nullable Integer getRecoveries() {
            return recoveries;
        }

        /**
         * Sets the consecutive successes needed before a failing check is reported healthy again.
         *
         * @param recoveries the count, at least 1
         */
        public void setRecoveries(@Nullable Integer recoveries) {
            this.recoveries = atLeastOne(recoveries, "recoveries");
        }
    }
}
