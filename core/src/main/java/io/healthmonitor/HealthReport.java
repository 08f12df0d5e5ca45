package io.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The composite result of running a {@link HealthMonitor}'s checks: the overall status and one
 * {@link CheckResult} per check, in registration order.
 *
 * <p>The overall status is the worst status among critical checks; a failing non-critical check
 * makes it at most {@link HealthStatus#DEGRADED}. A check that has no first result yet
 * ({@link CheckResult#checked()} false) makes it {@link HealthStatus#UNHEALTHY}, critical or not:
 * the service is not ready until every check has answered once. A report with no checks is healthy.
 * Immutable and thread-safe.
 *
 * @param status    the overall status
 * @param timestamp when the report was requested
 * @param duration  how long producing it took
 * @param checks    the checks' results, in registration order
 */
public record HealthReport(HealthStatus status, Instant timestamp, Duration duration, List<CheckResult> checks) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public HealthReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must be >= 0");
        }
        checks = List.copyOf(checks);
    }

    /**
     * Builds a report whose status is aggregated from {@code checks}.
     *
     * @param timestamp when the report was requested
     * @param duration  how long producing it took
     * @param checks    the checks' results
     * @return the report
     */
    public static HealthReport of(Instant timestamp, Duration duration, List<CheckResult> checks) {
        return new HealthReport(aggregate(checks), timestamp, duration, checks);
    }

    /**
     * Aggregates check statuses: the worst among critical checks; a non-critical check counts as
     * at most {@link HealthStatus#DEGRADED}, unless it has no first result yet; no checks is
     * {@link HealthStatus#HEALTHY}.
     *
     * @param checks the checks' results
     * @return the aggregate status
     */
    public static HealthStatus aggregate(Collection<CheckResult> checks) {
        HealthStatus worst = HealthStatus.HEALTHY;
        for (CheckResult check : checks) {
            HealthStatus status = check.critical() || !check.checked() ? check.status()
                    : check.status().compareTo(HealthStatus.DEGRADED) > 0 ? HealthStatus.DEGRADED : check.status();
            worst = worst.worst(status);
        }
        return worst;
    }

    /**
     * Returns whether every check of this report has a first result. Readiness and start-up
     * probes answer "not ready" until it is true.
     *
     * @return true when no check is "not yet checked"
     */
    public boolean ready() {
        for (CheckResult check : checks) {
            if (!check.checked()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns this report without the checks that have no first result yet, aggregated anew: what
     * a liveness probe answers, since a check that has not answered yet says nothing about whether
     * the process is alive.
     *
     * @return this report when it is {@link #ready()}, else a report of the checked checks only
     */
    public HealthReport checkedOnly() {
        if (ready()) {
            return this;
        }
        return of(timestamp, duration, checks.stream().filter(CheckResult::checked).toList());
    }

    /**
     * Finds a check's result by name.
     *
     * @param name the registered name
     * @return the result, or empty if no check of that name is in this report
     */
    public Optional<CheckResult> check(String name) {
        Objects.requireNonNull(name, "name");
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * Returns the duration in whole milliseconds.
     *
     * @return the report's duration in milliseconds
     */
    public long durationMillis() {
        return duration.toMillis();
    }
}
