package io.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A check as registered in a {@link HealthMonitor}: the check with its name, criticality, tags,
 * deadline, start-up deadline, slow threshold, schedule and hysteresis.
 *
 * <p>Built with {@link #builder(String, HealthCheck)}, for blocking and {@link AsyncHealthCheck}s
 * alike; immutable and thread-safe.
 */
public final class CheckRegistration {

    /** The default deadline of a check: two seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** The longest timeout, start-up timeout and slow threshold a registration accepts: a day. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(1);
    /**
     * The shortest default start-up deadline: ten seconds, or the timeout when that is longer. The
     * first invocation pays for cold JIT, TLS handshakes and new pool connections.
     */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(10);
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
    private final HealthCheck check;
    private final boolean critical;
    private final Set<String> tags;
    private final Duration timeout;
    private final Duration startupTimeout;
    private final Duration slowThreshold;
    private final Schedule schedule;
    private final Hysteresis hysteresis;
    private final @Nullable CompletionStage<?> startAfter;

    private CheckRegistration(Builder builder) {
        this.name = builder.name;
        this.check = builder.check;
        this.critical = builder.critical;
        this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(builder.tags));
        this.timeout = builder.timeout;
        this.startupTimeout = builder.startupTimeout != null ? builder.startupTimeout : defaultStartupTimeout(timeout);
        this.slowThreshold = builder.slowThreshold;
        this.schedule = builder.schedule;
        this.hysteresis = builder.hysteresis;
        this.startAfter = builder.startAfter;
    }

    /**
     * Starts a registration of a check, blocking or {@link AsyncHealthCheck}.
     *
     * @param name  a unique name: letters, digits and {@code . _ : -}, starting with a letter or digit, at most 128 characters
     * @param check the check
     * @return a builder with the defaults: critical, no tags, 2 s timeout (10 s for the first
     *         invocation), 5 s slow threshold, on demand with a 1 s cache
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code name} is not a valid name
     */
    public static Builder builder(String name, HealthCheck check) {
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

    /**
     * Returns the check; an {@link AsyncHealthCheck} is run through its {@code checkAsync}.
     *
     * @return the check
     */
    public HealthCheck check() {
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
     * Returns the deadline of the first invocation, the one that runs when the monitor is built.
     *
     * @return the start-up timeout, at least the timeout
     */
    public Duration startupTimeout() {
        return startupTimeout;
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

    /**
     * Returns what the check waits for before it runs at all, if anything.
     *
     * @return the stage set with {@link Builder#startAfter(CompletionStage)}, or null
     */
    public @Nullable CompletionStage<?> startAfter() {
        return startAfter;
    }

    /**
     * Returns a builder holding everything of this registration, to derive another one from it. A
     * start-up deadline that was derived from the timeout is derived again from the new builder's.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder(name, check).critical(critical).tags(tags.toArray(String[]::new)).timeout(timeout)
                .slowThreshold(slowThreshold).schedule(schedule).hysteresis(hysteresis);
        if (!startupTimeout.equals(defaultStartupTimeout(timeout))) {
            builder.startupTimeout(startupTimeout);
        }
        if (startAfter != null) {
            builder.startAfter(startAfter);
        }
        return builder;
    }

    private static Duration defaultStartupTimeout(Duration timeout) {
        return timeout.compareTo(DEFAULT_STARTUP_TIMEOUT) > 0 ? timeout : DEFAULT_STARTUP_TIMEOUT;
    }

    /**
     * Turns an invocation's result into the entry reports show: the registration's name,
     * criticality and tags, degraded when slower than the slow threshold, the error summarised and
     * every text redacted.
     */
    CheckResult resultOf(HealthResult raw, Duration took, Instant observedAt) {
        HealthStatus status = raw.status();
        String message = raw.message();
        if (status == HealthStatus.HEALTHY && took.compareTo(slowThreshold) > 0) {
            status = HealthStatus.DEGRADED;
            message = "slow: took " + took.toMillis() + " ms, threshold " + slowThreshold.toMillis() + " ms"
                    + (message == null ? "" : "; " + message);
        }
        Throwable error = raw.error();
        String errorSummary = error == null ? null
                : CheckResult.shown(HealthResult.describe(error));
        if (message == null && errorSummary != null) {
            message = errorSummary;
        }
        // Redacted before it is cut: a cut could leave a credential too short for the Redactor to recognise.
        return new CheckResult(name, status, CheckResult.shown(message),
                DetailRedactor.redact(raw.details()), errorSummary, took, observedAt, critical, tags, true);
    }

    /** The entry of this check before its first result. */
    CheckResult notYetChecked(Instant now) {
        return CheckResult.notYetChecked(name, critical, tags, now);
    }

    @Override
    public String toString() {
        return "CheckRegistration[name=" + name + ", critical=" + critical + ", tags=" + tags + ", timeout=" + timeout
                + ", startupTimeout=" + startupTimeout + ", slowThreshold=" + slowThreshold + ", schedule=" + schedule + ", hysteresis=" + hysteresis
                + (startAfter == null ? "" : ", startAfter=set") + "]";
    }

    /** Builds a {@link CheckRegistration}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final HealthCheck check;
        private boolean critical = true;
        private final Set<String> tags = new LinkedHashSet<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private @Nullable Duration startupTimeout;
        private Duration slowThreshold = DEFAULT_SLOW_THRESHOLD;
        private Schedule schedule = Schedule.onDemand();
        private Hysteresis hysteresis = Hysteresis.NONE;
        private @Nullable CompletionStage<?> startAfter;

        private Builder(String name, HealthCheck check) {
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
         * @throws IllegalArgumentException if {@code value} is not positive or longer than {@link CheckRegistration#MAX_TIMEOUT}
         */
        public Builder timeout(Duration value) {
            this.timeout = positive(value, "timeout");
            return this;
        }

        /**
         * Sets the deadline of the first invocation, which runs as soon as the monitor is built
         * (default: the timeout or 10 s, whichever is longer). Until it has a result, reports show
         * the check as "not yet checked" rather than as failed.
         *
         * @param value the start-up timeout
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is not positive or longer than {@link CheckRegistration#MAX_TIMEOUT}
         */
        public Builder startupTimeout(Duration value) {
            this.startupTimeout = positive(value, "startupTimeout");
            return this;
        }

        /**
         * Sets the duration beyond which a successful invocation is reported degraded (default 5 s).
         *
         * @param value the slow threshold
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is not positive or longer than {@link CheckRegistration#MAX_TIMEOUT}
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
         * Holds the check back until {@code value} completes, normally or not: until then it is not
         * run, neither at start-up nor by a report, and reports show it as not yet checked (so
         * {@code readiness} and {@code /health} are not ready, and no result is logged). For a
         * check whose answer means nothing before an event of the application, such as Spring
         * Boot's availability states before the application has started. Default: none.
         *
         * @param value the stage to wait for
         * @return this builder
         */
        public Builder startAfter(CompletionStage<?> value) {
            this.startAfter = Objects.requireNonNull(value, "startAfter");
            return this;
        }

        /**
         * Builds the registration.
         *
         * @return an immutable registration
         */
        public CheckRegistration build() {
            if (startupTimeout != null && startupTimeout.compareTo(timeout) < 0) {
                throw new IllegalArgumentException("startupTimeout must be >= timeout");
            }
            return new CheckRegistration(this);
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be > 0");
            }
            // Deadlines are kept in nanoseconds: ChronoUnit.FOREVER, or a thousand years, used to fail
            // build() with a bare "ArithmeticException: long overflow".
            if (value.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException(what + " must be at most " + MAX_TIMEOUT.toHours() + " hours, was " + value);
            }
            return value;
        }
    }
}
