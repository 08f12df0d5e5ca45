package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = MutableClock.atEpochPlusOneDay();

    @Test
    void recordsResponseTimeFailuresAndStatusPerCheckUnderThePrefix() {
        boolean[] up = {true};
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock).executor(Runnable::run)
                .listener(HealthMetrics.of(registry, "credlink_"))
                .register(CheckRegistration.builder("database", ctx -> up[0] ? HealthResult.healthy() : HealthResult.unhealthy("down"))
                        .schedule(Schedule.onDemand(Duration.ZERO)).build())
                .register(CheckRegistration.builder("cache", ctx -> HealthResult.unhealthy("down"))
                        .critical(false).schedule(Schedule.onDemand(Duration.ZERO)).build())
                .build()) {
            // the start-up run was the first invocation
            up[0] = false;
            monitor.report();
            monitor.report();

            assertThat(registry.get("credlink.health.check.response.time").tag("check", "database").timer().count())
                    .isEqualTo(3);
            assertThat(registry.get("credlink.health.check.failures").tag("check", "database").counter().count())
                    .isEqualTo(2);
            assertThat(registry.get("credlink.health.check.failures").tag("check", "cache").counter().count())
                    .isEqualTo(3);
            assertThat(registry.get("credlink.health.check.status").tag("check", "database").gauge().value()).isEqualTo(2);
            assertThat(registry.get("credlink.health.status").gauge().value()).isEqualTo(2);

            up[0] = true;
            monitor.report();
            assertThat(registry.get("credlink.health.check.status").tag("check", "database").gauge().value()).isZero();
            assertThat(registry.get("credlink.health.status").gauge().value())
                    .as("the non-critical failing cache degrades the service").isEqualTo(1);
        }
    }

    @Test
    void namesMetersUnderAnOptionalPrefix() {
        assertThat(HealthMetrics.meterName("", "redis.connection.errors")).isEqualTo("redis.connection.errors");
        assertThat(HealthMetrics.meterName("observatory", "redis.connection.errors"))
                .isEqualTo("observatory.redis.connection.errors");
        assertThat(HealthMetrics.meterName("micro_frontend_", "health.status")).isEqualTo("micro_frontend.health.status");
        assertThatThrownBy(() -> HealthMetrics.meterName("Bad Prefix", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metrics prefix must be lower-case letters, digits and _, was 'Bad Prefix'");
    }
}
