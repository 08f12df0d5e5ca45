package io.healthmonitor.fleet;

import io.healthmonitor.HealthStatus;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One instance in a {@link FleetSnapshot}: its latest published summary and how old it is.
 * Immutable and thread-safe.
 *
 * @param id      the instance's id, from its key
 * @param status  the instance's overall status as it last published it
 * @param age     how long ago the bucket stored the entry (grows while NATS is unreachable)
 * @param stale   true when the instance missed two heartbeats: the policy counts it as unhealthy
 * @param checks  each check's status, in the instance's registration order
 * @param version the application's version the instance published, or null
 */
public record FleetInstance(String id, HealthStatus status, Duration age, boolean stale, Map<String, HealthStatus> checks,
        @Nullable String version) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component other than {@code version} is null
     */
    public FleetInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(age, "age");
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    }

    /**
     * Returns the status the service's policy counts: unhealthy when stale, else the published one.
     *
     * @return the effective status
     */
    public HealthStatus effectiveStatus() {
        return stale ? HealthStatus.UNHEALTHY : status;
    }
}
