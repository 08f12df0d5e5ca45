package io.healthmonitor.examples.spring;

import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthStatus;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.SimpleHttpCodeStatusMapper;
import org.springframework.boot.actuate.health.SimpleStatusAggregator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.health.StatusAggregator;

/**
 * A {@link HealthMonitor} as Spring Boot Actuator health: one {@link HealthIndicator} per
 * registered check, under the check's name. Register it as a bean (for example named
 * {@code healthMonitor}) and {@code /actuator/health} shows every check as a component of it.
 *
 * <p>Health Monitor decides criticality per check; Spring aggregates statuses by order only. So a
 * check maps to {@code DOWN} only when it is unhealthy and critical; a degraded check, and an
 * unhealthy non-critical one, map to {@link #DEGRADED}. With {@link #STATUS_ORDER} (in a Boot
 * application: {@code management.endpoint.health.status.order=DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN}
 * and {@code management.endpoint.health.status.http-mapping.DEGRADED=200}) Spring's aggregate is
 * the monitor's {@code overallStatus}. The check's own status stays in the details.
 *
 * <p>Each indicator runs its check through the monitor, so deadlines, caching and redaction
 * apply as on {@code /health/detailed}. Immutable and thread-safe.
 */
public final class HealthMonitorContributor implements CompositeHealthContributor {

    /** The status of a degraded check, and of an unhealthy check that is not critical. */
    public static final Status DEGRADED = new Status("DEGRADED", "a dependency is degraded or a non-critical one is down");

    /** Spring's status order with {@link #DEGRADED} between {@code OUT_OF_SERVICE} and {@code UP}. */
    public static final List<String> STATUS_ORDER = List.of(Status.DOWN.getCode(), Status.OUT_OF_SERVICE.getCode(),
            DEGRADED.getCode(), Status.UP.getCode(), Status.UNKNOWN.getCode());

    private final HealthMonitor monitor;

    private HealthMonitorContributor(HealthMonitor monitor) {
        this.monitor = monitor;
    }

    /**
     * Adapts {@code monitor}.
     *
     * @param monitor the monitor; the contributor never closes it
     * @return the contributor
     */
    public static HealthMonitorContributor of(HealthMonitor monitor) {
        return new HealthMonitorContributor(Objects.requireNonNull(monitor, "monitor"));
    }

    /**
     * Returns the status aggregator that orders {@link #DEGRADED} as Health Monitor does.
     *
     * @return the aggregator
     */
    public static StatusAggregator statusAggregator() {
        return new SimpleStatusAggregator(STATUS_ORDER);
    }

    /**
     * Returns the HTTP mapping of Health Monitor: {@code DOWN} 503, {@link #DEGRADED} and {@code UP} 200.
     *
     * @return the mapper
     */
    public static HttpCodeStatusMapper httpCodes() {
        return new SimpleHttpCodeStatusMapper(Map.of(Status.DOWN.getCode(), 503,
                Status.OUT_OF_SERVICE.getCode(), 503, DEGRADED.getCode(), 200));
    }

    @Override
    public HealthContributor getContributor(String name) {
        return monitor.names().contains(name) ? indicator(name) : null;
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return monitor.names().stream()
                .map(name -> NamedContributor.<HealthContributor>of(name, indicator(name)))
                .iterator();
    }

    private HealthIndicator indicator(String name) {
        return () -> monitor.check(name).map(HealthMonitorContributor::health).orElseGet(() -> Health.unknown().build());
    }

    /**
     * Converts one check's result.
     *
     * @param result the result
     * @return the Spring health with the check's status, message, response time, error and details
     */
    static Health health(CheckResult result) {
        Health.Builder health = Health.status(status(result))
                .withDetail("status", result.status().label())
                .withDetail("critical", result.critical())
                .withDetail("responseTime", result.duration().toNanos() / 1_000_000.0);
        if (result.message() != null) {
            health.withDetail("message", result.message());
        }
        if (result.error() != null) {
            health.withDetail("error", result.error());
        }
        return health.withDetails(result.details()).build();
    }

    private static Status status(CheckResult result) {
        if (result.status() == HealthStatus.HEALTHY) {
            return Status.UP;
        }
        return result.status() == HealthStatus.UNHEALTHY && result.critical() ? Status.DOWN : DEGRADED;
    }
}
