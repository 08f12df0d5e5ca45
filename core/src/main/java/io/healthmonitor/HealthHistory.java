package io.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link HealthMonitor}'s checks did recently: per check, every status change and the
 * response time of every invocation, and the overall status over time. A snapshot taken by
 * {@link HealthMonitor#history()}; the monitor keeps, per check, the changes and the samples of the
 * last {@link HealthMonitor.Builder#history(Duration, int) window}, at most a number of each
 * (default: the last hour, at most 1,000).
 *
 * <p>Changes are the ones {@link HealthListener}s hear of (after hysteresis); samples are every
 * invocation's own status and response time (before hysteresis), like
 * {@link HealthListener#onResult(CheckResult)}. Results served again from the cache add nothing.
 * Immutable and thread-safe.
 *
 * @param asOf    when the snapshot was taken, by the monitor's clock
 * @param window  how far back the monitor keeps history
 * @param overall the changes of the overall status, oldest first; the first has no {@code from}
 * @param checks  one entry per check, in registration order
 */
public record HealthHistory(Instant asOf, Duration window, List<Change> overall, List<Check> checks) {

    /** The default window: one hour. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    /** The default bound on the changes, and on the samples, kept per check: 1,000. */
    public static final int DEFAULT_ENTRIES = 1_000;
    /** Longer change messages are cut to this many characters, to bound the history's memory. */
    public static final int MAX_MESSAGE_LENGTH = 256;

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is null
     */
    public HealthHistory {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(window, "window");
        overall = List.copyOf(overall);
        checks = List.copyOf(checks);
    }

    /**
     * Finds a check's history by name.
     *
     * @param name the check's registered name
     * @return its history, or empty when no check has that name
     * @throws NullPointerException if {@code name} is null
     */
    public Optional<Check> check(String name) {
        Objects.requireNonNull(name, "name");
        return checks.stream().filter(check -> check.name().equals(name)).findFirst();
    }

    /**
     * This history with at most {@code maxSamples} samples per check, for a chart that has no
     * room for more: see {@link Check#withSamplesAtMost(int)}. Changes are all kept.
     *
     * @param maxSamples the most samples per check, at least 1
     * @return the thinned history, or this one when no check has more samples
     * @throws IllegalArgumentException if {@code maxSamples} is less than 1
     */
    public HealthHistory withSamplesAtMost(int maxSamples) {
        if (maxSamples < 1) {
            throw new IllegalArgumentException("maxSamples must be at least 1, was " + maxSamples);
        }
        if (checks.stream().allMatch(check -> check.samples().size() <= maxSamples)) {
            return this;
        }
        return new HealthHistory(asOf, window, overall,
                checks.stream().map(check -> check.withSamplesAtMost(maxSamples)).toList());
    }

    /**
     * One check's history. Immutable.
     *
     * @param name    the check's registered name
     * @param changes its status changes, oldest first; the first result is a change without {@code from}
     * @param samples its invocations, oldest first
     */
    public record Check(String name, List<Change> changes, List<Sample> samples) {

        /**
         * Validates and copies the components.
         *
         * @throws NullPointerException if a component is null
         */
        public Check {
            Objects.requireNonNull(name, "name");
            changes = List.copyOf(changes);
            samples = List.copyOf(samples);
        }

        /**
         * This check's history with at most {@code maxSamples} samples: consecutive samples are
         * grouped evenly, and each group is shown by its last sample's time, its slowest response
         * time and its worst status, so no spike and no failure disappears from a chart.
         *
         * @param maxSamples the most samples to keep, at least 1
         * @return the thinned history, or this one when it has no more samples
         * @throws IllegalArgumentException if {@code maxSamples} is less than 1
         */
        public Check withSamplesAtMost(int maxSamples) {
            if (maxSamples < 1) {
                throw new IllegalArgumentException("maxSamples must be at least 1, was " + maxSamples);
            }
            int count = samples.size();
            if (count <= maxSamples) {
                return this;
            }
            List<Sample> thinned = new ArrayList<>(maxSamples);
            for (int group = 0; group < maxSamples; group++) {
                int from = (int) ((long) group * count / maxSamples);
                int to = (int) ((long) (group + 1) * count / maxSamples);
                Duration slowest = Duration.ZERO;
                HealthStatus worst = HealthStatus.HEALTHY;
                for (Sample sample : samples.subList(from, to)) {
                    slowest = sample.responseTime().compareTo(slowest) > 0 ? sample.responseTime() : slowest;
                    worst = worst.worst(sample.status());
                }
                thinned.add(new Sample(samples.get(to - 1).at(), slowest, worst));
            }
            return new Check(name, changes, thinned);
        }
    }

    /**
     * A change of status. Immutable.
     *
     * @param from    the status before, or null for the first one
     * @param to      the status after
     * @param at      when it changed, by the monitor's clock
     * @param message the result's message (for the overall status: which check changed it), at
     *                most {@link #MAX_MESSAGE_LENGTH} characters, or null
     */
    public record Change(@Nullable HealthStatus from, HealthStatus to, Instant at, @Nullable String message) {

        /**
         * Validates the components and cuts a long message.
         *
         * @throws NullPointerException if {@code to} or {@code at} is null
         */
        public Change {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(at, "at");
            message = CheckResult.shortened(message, MAX_MESSAGE_LENGTH);
        }
    }

    /**
     * One invocation: when it produced its result, how long it took, what it found. Immutable.
     *
     * @param at           when the result was produced, by the monitor's clock
     * @param responseTime how long the invocation took (the deadline, for one that timed out)
     * @param status       the invocation's own status, before hysteresis
     */
    public record Sample(Instant at, Duration responseTime, HealthStatus status) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if a component is null
         */
        public Sample {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(responseTime, "responseTime");
            Objects.requireNonNull(status, "status");
        }
    }
}
