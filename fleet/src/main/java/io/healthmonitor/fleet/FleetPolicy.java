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
     * The default: unhealthy when no instance is healthy, degraded when some instance is not
     * healthy, healthy when all are; the same as {@code minimumHealthy(1)}. A fleet whose every
     * instance is degraded is unhealthy: nothing in it works as expected. A service whose degraded
     * instances still carry its traffic can say so with a policy of its own (see docs/fleet.md).
     *
     * @return the policy
     */
    static FleetPolicy standard() {
        return minimumHealthy(1);
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
