package io.healthmonitor.fleet;

import io.healthmonitor.HealthStatus;
import java.util.List;
import java.util.Objects;

/**
 * One service in a {@link FleetSnapshot}: the status its {@link FleetPolicy} gives the fleet of
 * its instances. Immutable and thread-safe.
 *
 * @param name      the service's name
 * @param status    the service's status under its policy
 * @param instances its instances, ordered by id
 */
public record FleetService(String name, HealthStatus status, List<FleetInstance> instances) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is null
     */
    public FleetService {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        instances = List.copyOf(instances);
    }
}
