package io.healthmonitor;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A change of a check's reported status, delivered to {@link HealthListener}s.
 *
 * @param check    the check's registered name
 * @param previous the status reported before, or null for the check's first result (every check's
 *                 first result is announced, whatever its status)
 * @param current  the status reported now
 * @param result   the check's result that carries the new status
 */
public record StatusChange(String check, @Nullable HealthStatus previous, HealthStatus current, CheckResult result) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if a component other than {@code previous} is null
     * @throws IllegalArgumentException if {@code previous} equals {@code current}
     */
    public StatusChange {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(result, "result");
        if (previous == current) {
            throw new IllegalArgumentException("a status change needs two different statuses, both were " + current);
        }
    }

    /**
     * Returns whether this is the check's first result.
     *
     * @return true when there is no previous status
     */
    public boolean isFirstResult() {
        return previous == null;
    }

    /**
     * Returns whether the check got worse; a first result is a degradation unless it is healthy.
     *
     * @return true when {@code current} is more severe than {@code previous}
     */
    public boolean isDegradation() {
        return current.compareTo(previous == null ? HealthStatus.HEALTHY : previous) > 0;
    }
}
