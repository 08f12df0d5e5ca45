package io.healthmonitor.jdbc;

import io.healthmonitor.micrometer.HealthMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The check's meters: {@code <prefix>.database.connections} gauges by {@code state} (when a pool
 * is known) and the {@code <prefix>.database.connection.errors} counter, both tagged with the pool.
 */
final class PoolMetrics {

    static final String CONNECTIONS = "database.connections";
    static final String ERRORS = "database.connection.errors";

    private final Counter errors;

    PoolMetrics(HealthMetrics metrics, String poolName, @Nullable PoolProbe probe) {
        MeterRegistry registry = metrics.registry();
        this.errors = Counter.builder(metrics.name(ERRORS))
                .description("Failures to get or validate a database connection, as seen by the health check")
                .tag("pool", poolName)
                .register(registry);
        if (probe != null) {
            String name = metrics.name(CONNECTIONS);
            gauge(metrics, name, poolName, "active", probe, PoolState::active);
            // The runbooks' name for active connections: micro_frontend_database_connections{state="in_use"}.
            gauge(metrics, name, poolName, "in_use", probe, PoolState::active);
            gauge(metrics, name, poolName, "idle", probe, PoolState::idle);
            gauge(metrics, name, poolName, "pending", probe, PoolState::pending);
            gauge(metrics, name, poolName, "max", probe, PoolState::max);
        }
    }

    /** Replaces the gauge of a check built earlier on the same registry for the same pool name (a reload). */
    private static void gauge(HealthMetrics metrics, String name, String pool, String state, PoolProbe probe,
            ToIntFunction<PoolState> value) {
        metrics.register(Gauge.builder(name, probe, p -> {
                    PoolState current = p.state();
                    return current == null ? Double.NaN : value.applyAsInt(current);
                })
                .description("Connections of the pool by state; max is the pool's maximum size")
                .tag("pool", pool)
                .tag("state", state)
                .strongReference(true));
    }

    void connectionError() {
        errors.increment();
    }
}
