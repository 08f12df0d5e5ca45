package io.healthmonitor;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A check as registered in a {@link HealthMonitor}: the check with its name, criticality, tags,
 * deadline, slow threshold, schedule and hysteresis.
 *
 * <p>Built with {@link #builder(String, HealthCheck)}; immutable and thread-safe.
 */
public final class CheckRegistration {

    /** The default deadline of a check: two seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** The default slow threshold: a successful check slower than five seconds is degraded. */
    public static final Duration DEFAULT_SLOW_THRESHOLD = Duration.ofSeconds(5);

    /** The tag of checks that decide whether the process should be restarted. */
    public static final String LIVENESS = "liveness";
    /** The tag of checks that decide whether the service should receive traffic. */
    public static final String READINESS = "readiness";
    /** The tag of checks that decide whether the service has finished starting. */
    public static final String STARTUP = "startup";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final String name;
    private final AsyncHealthCheck check;
    private final boolean critical;
    private final Set<String> tags;
    private final Duration timeout;
    private final Duration slowThreshold;
    private final Schedule schedule;
    private final Hysteresis hysteresis;

    private CheckRegistration(Builder builder) {
        this.name = builder.name;
        this.check = builder.check;
        this.critical = builder.critical;
        this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(builder.tags));
        this.timeout = builder.timeout;
        this.slowThreshold = builder.slowThreshold;
        this.schedule = builder.schedule;
        this.hysteresis = builder.hysteresis;
    }

    /**
     * Starts a registration of a blocking check.
     *
     * @param name  a unique name: letters, digits and {@code . _ : -}, starting with a letter or digit, at most 128 characters
     * @param check the check
     * @return a builder with the defaults: critical, no tags, 2 s timeout, 5 s slow threshold, on demand with a 1 s cache
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code name} is not a valid name
     */
    public static Builder builder(String name, HealthCheck check) {
        Objects.requireNonNull(check, "check");
        return new Builder(name, new BlockingCheck(check));
    }

    /**
     * Starts a registration of a non-blocking check. (Not an overload of {@code builder}, so that
     * lambdas and method references are never ambiguous.)
     *
     * @param name  a unique name (see {@link #builder(String, HealthCheck)})
     * @param check the check
     * @return a builder with the defaults
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code name} is not a valid name
     */
    public static Builder asyncBuilder(String name, AsyncHealthCheck check) {
        return new Builder(name, Objects.requireNonNull(check, "check"));
    }

    /**
     * Returns the check's unique name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /** The check to run; {@link BlockingCheck} when it was registered as a blocking one. */
    AsyncHealthCheck check() {
        return check;
    }

    /**
     * Returns whether the check's failure makes the whole report unhealthy; a non-critical failing
     * check makes it at most degraded.
     *
     * @return true when critical
     */
    public boolean critical() {
        return critical;
    }

    /**
     * Returns the groups the check belongs to, such as {@link #LIVENESS} or {@link #READINESS}.
     *
     * @return an unmodifiable set of tags
     */
    public Set<String> tags() {
        return tags;
    }

    /**
     * Returns the deadline of one invocation.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Returns the duration beyond which a successful invocation is reported degraded.
     *
     * @return the slow threshold
     */
    public Duration slowThreshold() {
        return slowThreshold;
    }

    /**
     * Returns when the check runs.
     *
     * @return the schedule
     */
    public Schedule schedule() {
        return schedule;
    }

    /**
     * Returns how many consecutive results must agree before the reported status changes.
     *
     * @return the hysteresis, {@link Hysteresis#NONE} by default
     */
    public Hysteresis hysteresis() {
        return hysteresis;
    }

    @Override
    public String toString() {
        return "CheckRegistration[name=" + name + ", critical=" + critical + ", tags=" + tags + ", timeout=" + timeout
                + ", slowThreshold=" + slowThreshold + ", schedule=" + schedule + ", hysteresis=" + hysteresis + "]";
    }

    /** Builds a {@link CheckRegistration}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final AsyncHealthCheck check;
        private boolean critical = true;
        private final Set<String> tags = new LinkedHashSet<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration slowThreshold = DEFAULT_SLOW_THRESHOLD;
        private Schedule schedule = Schedule.onDemand();
        private Hysteresis hysteresis = Hysteresis.NONE;

        private Builder(String name, AsyncHealthCheck check) {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("check name must be 1-128 characters of letters, digits and . _ : -"
                        + " starting with a letter or digit, was '" + name + "'");
            }
            this.name = name;
            this.check = check;
        }

        /**
         * Sets whether the check's failure makes the whole report unhealthy (default true).
         *
         * @param value false for a dependency the service can live without
         * @return this builder
         */
        public Builder critical(boolean value) {
            this.critical = value;
            return this;
        }

        /**
         * Adds the check to groups, such as {@link #LIVENESS}, {@link #READINESS} or {@link #STARTUP}.
         *
         * @param values the tags to add
         * @return this builder
         * @throws NullPointerException     if a tag is null
         * @throws IllegalArgumentException if a tag is not a valid name
         */
        public Builder tags(String... values) {
            Arrays.stream(values).forEach(tag -> {
                Objects.requireNonNull(tag, "tag");
                if (!NAME.matcher(tag).matches()) {
                    throw new IllegalArgumentException("tag must be 1-128 characters of letters, digits and . _ : -"
                            + " starting with a letter or digit, was '" + tag + "'");
                }
                tags.add(tag);
            });
            return this;
        }

        /**
         * Sets the deadline of one invocation (default 2 s). An invocation that misses it is
         * reported unhealthy at the deadline and interrupted.
         *
         * @param value the timeout
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is not positive
         */
        public Builder timeout(Duration value) {
            this.timeout = positive(value, "timeout");
            return this;
        }

        /**
         * Sets the duration beyond which a successful invocation is reported degraded (default 5 s).
         *
         * @param value the slow threshold
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is not positive
         */
        public Builder slowThreshold(Duration value) {
            this.slowThreshold = positive(value, "slowThreshold");
            return this;
        }

        /**
         * Sets when the check runs (default: on demand with a 1 s cache).
         *
         * @param value the schedule
         * @return this builder
         */
        public Builder schedule(Schedule value) {
            this.schedule = Objects.requireNonNull(value, "schedule");
            return this;
        }

        /**
         * Sets how many consecutive results must agree before the reported status changes (default none).
         *
         * @param value the hysteresis
         * @return this builder
         */
        public Builder hysteresis(Hysteresis value) {
            this.hysteresis = Objects.requireNonNull(value, "hysteresis");
            return this;
        }

        /**
         * Builds the registration.
         *
         * @return an immutable registration
         */
        public CheckRegistration build() {
            return new CheckRegistration(this);
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be > 0");
            }
            return value;
        }
    }
}
