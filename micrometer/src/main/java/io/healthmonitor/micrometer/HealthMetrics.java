package io.healthmonitor.micrometer;

import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthListener;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.StatusChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health Monitor's binding to a Micrometer {@link MeterRegistry}: the registry and the common name
 * prefix of every meter the library registers, set once and handed to every module that has
 * meters, and the engine's own meters as a {@link HealthListener}:
 *
 * <pre>{@code
 * HealthMetrics metrics = HealthMetrics.of(meterRegistry, "credlink");
 * HealthMonitor monitor = HealthMonitor.builder()
 *         .listener(metrics)                                                    // the engine's meters
 *         .register("redis", RedisHealthCheck.builder(connection).metrics(metrics).build())
 *         .register("database", DataSourceHealthCheck.builder(dataSource).metrics(metrics).build())
 *         .build();
 * }</pre>
 *
 * <p>The engine's meters, each tagged {@code check=<name>} (Prometheus names with the prefix
 * {@code credlink}):
 * <ul>
 *   <li>{@code credlink.health.check.response.time} timer: every invocation's duration
 *       ({@code credlink_health_check_response_time_seconds});</li>
 *   <li>{@code credlink.health.check.response.time.ms} gauge: the last invocation's duration in
 *       milliseconds ({@code credlink_health_check_response_time_ms}, the runbooks' series);</li>
 *   <li>{@code credlink.health.check.failures} counter: invocations that were unhealthy, timeouts
 *       included ({@code credlink_health_check_failures_total});</li>
 *   <li>{@code credlink.health.check.status} gauge: 0 healthy, 1 degraded, 2 unhealthy;</li>
 *   <li>{@code credlink.health.status} gauge, untagged: the overall status, aggregated like a report.</li>
 * </ul>
 * Meters of a check appear with its first result; the overall gauge with the first event of any
 * check, so that a binding used only for module meters ({@link #withPrefix(String)}) registers none.
 * Listen to one monitor per registry and prefix: the gauges belong to the binding that registered
 * them last, so a monitor built again after the first was closed (a reload) publishes its own
 * statuses, while counters and timers of the same names go on counting. Thread-safe.
 */
public final class HealthMetrics implements HealthListener {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMetrics.class);
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]*");

    private final MeterRegistry registry;
    private final String prefix;
    private final Map<String, CheckMeters> checks = new ConcurrentHashMap<>();
    /** Whether this binding has said that its registry is closed: once is enough. */
    private final AtomicBoolean closedRegistryLogged = new AtomicBoolean();
    private volatile boolean overallRegistered;

    private HealthMetrics(MeterRegistry registry, String prefix) {
        this.registry = registry;
        this.prefix = prefix;
    }

    /**
     * Returns the binding of a registry under a prefix.
     *
     * @param registry where meters are registered
     * @param prefix   the common name prefix, such as {@code credlink} (a trailing {@code _} or
     *                 {@code .} is ignored), or empty for none
     * @return the binding; register it with {@code HealthMonitor.Builder.listener(..)} for the engine's
     *         meters, and give it to the modules' {@code metrics(..)} builder methods
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the prefix is not lower-case letters, digits and underscores
     */
    public static HealthMetrics of(MeterRegistry registry, String prefix) {
        Objects.requireNonNull(registry, "registry");
        return new HealthMetrics(registry, normalizePrefix(prefix));
    }

    /**
     * Returns a binding of the same registry under another prefix, for a family of meters whose
     * names a runbook spells differently (the runbooks query {@code corim_validation_failures_total}
     * without the service's prefix, for example).
     *
     * @param otherPrefix the prefix, or empty for none
     * @return the binding
     * @throws IllegalArgumentException if the prefix is not lower-case letters, digits and underscores
     */
    public HealthMetrics withPrefix(String otherPrefix) {
        return new HealthMetrics(registry, normalizePrefix(otherPrefix));
    }

    /**
     * Returns the registry.
     *
     * @return the registry
     */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Returns the normalized prefix.
     *
     * @return the prefix without a trailing separator, possibly empty
     */
    public String prefix() {
        return prefix;
    }

    /**
     * Returns a meter name under this binding's prefix: {@code name("redis.connection.errors")} is
     * {@code credlink.redis.connection.errors}, which Prometheus exposes as
     * {@code credlink_redis_connection_errors_total} for a counter.
     *
     * @param name the dotted meter name
     * @return the prefixed name
     */
    public String name(String name) {
        Objects.requireNonNull(name, "name");
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    @Override
    public void onResult(CheckResult result) {
        CheckMeters meters = meters(result.name(), result.critical());
        meters.timer.record(result.duration());
        meters.lastMillis = result.duration().toNanos() / 1_000_000.0;
        if (result.status() == HealthStatus.UNHEALTHY) {
            meters.failures.increment();
        }
    }

    @Override
    public void onStatusChange(StatusChange change) {
        meters(change.check(), change.result().critical()).status = change.current();
    }

    private CheckMeters meters(String check, boolean critical) {
        if (!overallRegistered) {
            registerOverall();
        }
        return checks.computeIfAbsent(check, name -> new CheckMeters(name, critical));
    }

    private synchronized void registerOverall() {
        if (!overallRegistered) {
            register(Gauge.builder(name("health.status"), this, HealthMetrics::overallStatus)
                    .description("Overall health: 0 healthy, 1 degraded, 2 unhealthy"));
            overallRegistered = true;
        }
    }

    /**
     * Registers a gauge in this binding's registry, replacing a gauge of the same name and tags that
     * an earlier binding registered. Micrometer hands back a meter already registered under the same
     * name and tags, and a gauge reads the object it was registered with: a monitor or a module built
     * again on the same registry (after a reload closed the first) would publish the closed one's
     * values for ever, or NaN once that object is collected. Modules register their gauges here;
     * counters and timers need not, being shared and going on counting.
     *
     * @param gauge the gauge, named with {@link #name(String)}
     * @return the registered gauge, which reads the builder's object
     * @throws NullPointerException if {@code gauge} is null
     */
    public Gauge register(Gauge.Builder<?> gauge) {
        Objects.requireNonNull(gauge, "gauge");
        if (registry.isClosed() && !closedRegistryLogged.getAndSet(true)) {
            // Micrometer hands out no-op meters once a registry is closed (Spring Boot closes the
            // registries of a context that closes): the statuses would silently vanish from scrapes.
            LOG.warn("the meter registry is closed: health gauges registered on it are not published;"
                    + " give a monitor built again a registry that is open");
        }
        // Whether the first registration made a new gauge or returned an earlier one, after removing
        // it the second is this builder's.
        registry.remove(gauge.register(registry));
        return gauge.register(registry);
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

    @Override
    public String toString() {
        return "HealthMetrics[prefix=" + prefix + ", registry=" + registry.getClass().getSimpleName() + "]";
    }

    /** The meters of one check; the status is the reported one (after hysteresis), as reports show it. */
    private final class CheckMeters {
        final Timer timer;
        final Counter failures;
        final boolean critical;
        volatile HealthStatus status = HealthStatus.HEALTHY;
        volatile double lastMillis = Double.NaN;

        CheckMeters(String check, boolean critical) {
            this.critical = critical;
            this.timer = Timer.builder(name("health.check.response.time"))
                    .description("Duration of each health check invocation")
                    .tag("check", check)
                    .register(registry);
            register(Gauge.builder(name("health.check.response.time.ms"), this, meters -> meters.lastMillis)
                    .description("Duration of the last health check invocation, in milliseconds")
                    .tag("check", check));
            this.failures = Counter.builder(name("health.check.failures"))
                    .description("Health check invocations that were unhealthy, timeouts included")
                    .tag("check", check)
                    .register(registry);
            register(Gauge.builder(name("health.check.status"), this, meters -> meters.status.ordinal())
                    .description("Health check status: 0 healthy, 1 degraded, 2 unhealthy")
                    .tag("check", check));
        }
    }
}
