package io.healthmonitor.fleet;

import io.healthmonitor.HealthStatus;
import java.util.List;

/**
 * Decides a service's status from the statuses of its live instances. A stale instance (one that
 * missed two heartbeats) counts as unhealthy; an instance whose entry expired is not counted at all.
 *
 * <p>Built in: {@link #standard()} and {@link #minimumHealthy(int)}; or a lambda of your own.
 * Implementations must be thread-safe and fast: they run on every view.
 */
@FunctionalInterface
public interface FleetPolicy {

    /**
     * Returns the service's status.
     *
     * @param instances the status of each instance the view knows of, never empty
     * @return the service's status, never null
     */
    HealthStatus status(List<HealthStatus> instances);

    /**
     * The default: unhealthy when no instance serves (none is healthy or degraded), degraded when
     * some instance is not healthy, healthy when all are. A degraded instance still serves, so a
     * fleet of degraded instances is degraded, not down.
     *
     * @return the policy
     */
    static FleetPolicy standard() {
        return instances -> {
            boolean anyServes = instances.stream().anyMatch(status -> status != HealthStatus.UNHEALTHY);
            if (!anyServes) {
                return HealthStatus.UNHEALTHY;
            }
            return instances.stream().allMatch(status -> status == HealthStatus.HEALTHY) ? HealthStatus.HEALTHY
                    : HealthStatus.DEGRADED;
        };
    }

    /**
     * Unhealthy when fewer than {@code count} instances are healthy (the capacity the service
     * needs), degraded when some instance is not healthy, healthy otherwise.
     *
     * @param count how many healthy instances the service needs, at least 1
     * @return the policy
     * @throws IllegalArgumentException if {@code count} is less than 1
     */
    static FleetPolicy minimumHealthy(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        return instances -> {
            long healthy = instances.stream().filter(status -> status == HealthStatus.HEALTHY).count();
            if (healthy < count) {
                return HealthStatus.UNHEALTHY;
            }
            return healthy == instances.size() ? HealthStatus.HEALTHY : HealthStatus.DEGRADED;
        };
    }
}
