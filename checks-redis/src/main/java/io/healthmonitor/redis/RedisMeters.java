package io.healthmonitor.redis;

import io.healthmonitor.micrometer.HealthMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The meters a Redis check feeds, or none when the user gave no registry. Registered when the
 * check is built, so the error counter exists (at zero) before the first failure and
 * {@code rate(..._redis_connection_errors_total[5m])} works from the start. Thread-safe.
 */
final class RedisMeters {

    static final RedisMeters NONE = new RedisMeters(null, null);

    private final @Nullable Counter connectionErrors;
    private final @Nullable Timer pingLatency;

    private RedisMeters(@Nullable Counter connectionErrors, @Nullable Timer pingLatency) {
        this.connectionErrors = connectionErrors;
        this.pingLatency = pingLatency;
    }

    static RedisMeters register(HealthMetrics metrics) {
        MeterRegistry registry = metrics.registry();
        Counter errors = Counter.builder(metrics.name("redis.connection.errors"))
                .description("Redis health probes that could not reach Redis, authenticate, or get an answer in time")
                .register(registry);
        Timer latency = Timer.builder(metrics.name("redis.ping.latency"))
                .description("Round-trip time of the PING of each Redis health probe")
                .register(registry);
        return new RedisMeters(errors, latency);
    }

    void connectionError() {
        if (connectionErrors != null) {
            connectionErrors.increment();
        }
    }

    void ping(long nanos) {
        if (pingLatency != null) {
            pingLatency.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
