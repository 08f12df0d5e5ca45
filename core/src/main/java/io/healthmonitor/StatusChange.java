package io.healthmonitor;

import java.util.Objects;

/**
 * A change of a check's reported status, delivered to {@link HealthListener}s.
 *
 * @param check    the check's registered name
 * @param previous the status reported before; {@link HealthStatus#HEALTHY} before the first result,
 *                 so a check that starts healthy raises no event
 * @param current  the status reported now
 * @param result   the check's result that carries the new status
 */
public record StatusChange(String check, HealthStatus previous, HealthStatus current, CheckResult result) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if {@code previous} equals {@code current}
     */
    public StatusChange {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(result, "result");
        if (previous == current) {
            throw new IllegalArgumentException("a status change needs two different statuses, both were " + current);
        }
    }

    /**
     * Returns whether the check got worse.
     *
     * @return true when {@code current} is more severe than {@code previous}
     */
    public boolean isDegradation() {
        return current.compareTo(previous) > 0;
    }
}
