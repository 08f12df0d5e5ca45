package io.healthmonitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Publishes a monitor's results to Micrometer. Register it as a listener:
 *
 * <pre>{@code
 * HealthMetrics metrics = HealthMetrics.of(registry, "credlink");
 * HealthMonitor monitor = HealthMonitor.builder().listener(metrics).register(...).build();
 * }</pre>
 *
 * <p>Meters, each tagged {@code check=<name>} (Prometheus names shown with the prefix {@code credlink}):
 * <ul>
 *   <li>{@code credlink.health.check.response.time} timer: every invocation's duration
 *       ({@code credlink_health_check_response_time_seconds});</li>
 *   <li>{@code credlink.health.check.failures} counter: invocations that were unhealthy, timeouts
 *       included ({@code credlink_health_check_failures_total});</li>
 *   <li>{@code credlink.health.check.status} gauge: 0 healthy, 1 degraded, 2 unhealthy;</li>
 *   <li>{@code credlink.health.status} gauge, untagged: the overall status, aggregated like a report.</li>
 * </ul>
 * Meters of a check appear with its first result. Thread-safe.
 */
public final class HealthMetrics implements HealthListener {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]*");

    private final MeterRegistry registry;
    private final String prefix;
    private final Map<String, CheckMeters> checks = new ConcurrentHashMap<>();

    private HealthMetrics(MeterRegistry registry, String prefix) {
        this.registry = registry;
        this.prefix = prefix;
        Gauge.builder(meterName(prefix, "health.status"), this, HealthMetrics::overallStatus)
                .description("Overall health: 0 healthy, 1 degraded, 2 unhealthy")
                .register(registry);
    }

    /**
     * Creates the binder and registers the overall status gauge.
     *
     * @param registry where meters are registered
     * @param prefix   the common name prefix, such as {@code credlink} (a trailing {@code _} or
     *                 {@code .} is ignored), or empty for none
     * @return the binder, to register with {@link HealthMonitor.Builder#listener(HealthListener)}
     * @throws IllegalArgumentException if the prefix is not lower-case letters, digits and underscores
     */
    public static HealthMetrics of(MeterRegistry registry, String prefix) {
        Objects.requireNonNull(registry, "registry");
        return new HealthMetrics(registry, normalizePrefix(prefix));
    }

    /**
     * Returns a meter name under a common prefix, the way every Health Monitor module names its
     * meters: {@code meterName("credlink", "redis.connection.errors")} is
     * {@code credlink.redis.connection.errors}, which Prometheus exposes as
     * {@code credlink_redis_connection_errors_total} for a counter.
     *
     * @param prefix the prefix, possibly empty (a trailing {@code _} or {@code .} is ignored)
     * @param name   the dotted meter name
     * @return the prefixed name
     * @throws IllegalArgumentException if the prefix is not lower-case letters, digits and underscores
     */
    public static String meterName(String prefix, String name) {
        Objects.requireNonNull(name, "name");
        String normalized = normalizePrefix(prefix);
        return normalized.isEmpty() ? name : normalized + "." + name;
    }

    /**
     * Returns the normalized prefix.
     *
     * @return the prefix without a trailing separator, possibly empty
     */
    public String prefix() {
        return prefix;
    }

    @Override
    public void onResult(CheckResult result) {
        CheckMeters meters = checks.computeIfAbsent(result.name(), name -> new CheckMeters(name, result.critical()));
        meters.timer.record(result.duration());
        if (result.status() == HealthStatus.UNHEALTHY) {
            meters.failures.increment();
        }
    }

    @Override
    public void onStatusChange(StatusChange change) {
        CheckMeters meters = checks.computeIfAbsent(change.check(), name -> new CheckMeters(name, change.result().critical()));
        meters.status = change.current();
    }

    private double overallStatus() {
        HealthStatus worst = HealthStatus.HEALTHY;
        for (CheckMeters meters : checks.values()) {
            HealthStatus status = meters.status;
            if (!meters.critical && status == HealthStatus.UNHEALTHY) {
                status = HealthStatus.DEGRADED;
            }
            worst = worst.worst(status);
        }
        return worst.ordinal();
    }

    private static String normalizePrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        String trimmed = prefix.endsWith("_") || prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!trimmed.isEmpty() && !PREFIX.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("metrics prefix must be lower-case letters, digits and _, was '" + prefix + "'");
        }
        return trimmed;
    }

    /** The meters of one check; the status is the reported one (after hysteresis), as reports show it. */
    private final class CheckMeters {
        final Timer timer;
        final Counter failures;
        final boolean critical;
        volatile HealthStatus status = HealthStatus.HEALTHY;

        CheckMeters(String name, boolean critical) {
            this.critical = critical;
            this.timer = Timer.builder(meterName(prefix, "health.check.response.time"))
                    .description("Duration of each health check invocation")
                    .tag("check", name)
                    .register(registry);
            this.failures = Counter.builder(meterName(prefix, "health.check.failures"))
                    .description("Health check invocations that were unhealthy, timeouts included")
                    .tag("check", name)
                    .register(registry);
            Gauge.builder(meterName(prefix, "health.check.status"), this, meters -> meters.status.ordinal())
                    .description("Health check status: 0 healthy, 1 degraded, 2 unhealthy")
                    .tag("check", name)
                    .register(registry);
        }
    }
}
