package io.healthmonitor.micrometer;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.Schedule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final java.time.InstantSource clock = java.time.InstantSource.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"));

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
    void namesMetersUnderOnePrefixSetOnce() {
        HealthMetrics metrics = HealthMetrics.of(registry, "micro_frontend_");
        assertThat(metrics.prefix()).isEqualTo("micro_frontend");
        assertThat(metrics.name("health.status")).isEqualTo("micro_frontend.health.status");
        assertThat(metrics.withPrefix("").name("corim.validation.failures")).isEqualTo("corim.validation.failures");
        assertThat(metrics.withPrefix("observatory").registry()).isSameAs(registry);
        assertThatThrownBy(() -> HealthMetrics.of(registry, "Bad Prefix"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metrics prefix must be lower-case letters, digits and _, was 'Bad Prefix'");
    }

    @Test
    void registersNoEngineMeterForABindingUsedOnlyByModules() {
        HealthMetrics.of(registry, "credlink").withPrefix("");
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void aMonitorBuiltAgainOnTheSameRegistryOwnsTheGauges() {
        // Micrometer hands back the meter already registered under a name and tags: the gauges of a
        // monitor built again after close (a reload) kept reading the closed monitor's binding, so
        // credlink_health_status said unhealthy forever (or NaN once that binding was collected).
        try (HealthMonitor closed = HealthMonitor.builder().logTransitions(false).clock(clock).executor(Runnable::run)
                .listener(HealthMetrics.of(registry, "credlink"))
                .register("database", ctx -> HealthResult.unhealthy("down"))
                .build()) {
            assertThat(closed.report().status()).isEqualTo(io.healthmonitor.HealthStatus.UNHEALTHY);
            assertThat(registry.get("credlink.health.status").gauge().value()).isEqualTo(2);
        }
        try (HealthMonitor rebuilt = HealthMonitor.builder().logTransitions(false).clock(clock).executor(Runnable::run)
                .listener(HealthMetrics.of(registry, "credlink"))
                .register("database", ctx -> HealthResult.healthy())
                .build()) {
            assertThat(registry.get("credlink.health.status").gauge().value()).isZero();
            assertThat(registry.get("credlink.health.check.status").tag("check", "database").gauge().value()).isZero();
            assertThat(registry.get("credlink.health.check.response.time.ms").tag("check", "database").gauge().value())
                    .isEqualTo(rebuilt.report().check("database").orElseThrow().duration().toNanos() / 1_000_000.0);
            assertThat(registry.find("credlink.health.status").gauges()).hasSize(1);
            assertThat(registry.get("credlink.health.check.failures").tag("check", "database").counter().count())
                    .as("counters and timers go on counting").isEqualTo(1);
        }
    }

    /**
     * Spring Boot closes the registries of a context that closes; a monitor built again on one
     * publishes nothing (Micrometer's no-op meters), which a user found only by its absence from
     * /metrics: the binding says so once.
     */
    @Test
    void saysOnceThatAClosedRegistryPublishesNothing() {
        SimpleMeterRegistry closedRegistry = new SimpleMeterRegistry();
        closedRegistry.close();
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock).executor(Runnable::run)
                .listener(HealthMetrics.of(closedRegistry, "credlink"))
                .register("database", ctx -> HealthResult.healthy())
                .register("cache", ctx -> HealthResult.healthy())
                .build()) {
            monitor.report();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log.lines().filter(line -> line.contains("the meter registry is closed"))).hasSize(1);
        assertThat(closedRegistry.find("credlink.health.status").gauges()).isEmpty();
    }

    @Test
    void publishesTheLastResponseTimeInMillisecondsForTheRunbooks() {
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock).executor(Runnable::run)
                .listener(HealthMetrics.of(registry, "credlink"))
                .register("database", ctx -> HealthResult.healthy())
                .build()) {
            double millis = registry.get("credlink.health.check.response.time.ms").tag("check", "database").gauge().value();
            assertThat(millis).isNotNaN().isGreaterThanOrEqualTo(0.0)
                    .isEqualTo(monitor.report().check("database").orElseThrow().duration().toNanos() / 1_000_000.0);
        }
    }
}
