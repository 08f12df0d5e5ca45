package io.healthmonitor.fleet;

import io.healthmonitor.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one instance writes into the bucket: its overall and per-check status at a time. The
 * value of the key {@code <service>.<instance>}; its JSON form is {@link SummaryJson}'s.
 *
 * @param service   the service's name
 * @param instance  the instance's id
 * @param status    the instance's overall status
 * @param checks    each check's status, in registration order
 * @param time      when the instance produced the report
 * @param version   the application's version, or null
 * @param heartbeat how often the instance publishes when nothing changes
 * @param truncated true when checks were left out to keep the entry small
 */
record Summary(String service, String instance, HealthStatus status, Map<String, HealthStatus> checks, Instant time,
        @Nullable String version, Duration heartbeat, boolean truncated) {

    Summary {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(status, "status");
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(heartbeat, "heartbeat");
    }
}
