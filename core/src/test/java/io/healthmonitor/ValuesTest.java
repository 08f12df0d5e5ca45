package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {

    @Test
    void aRegistrationsBuilderHoldsEverythingOfIt() {
        HealthCheck check = context -> HealthResult.healthy();
        java.util.concurrent.CompletableFuture<Void> started = new java.util.concurrent.CompletableFuture<>();
        CheckRegistration base = CheckRegistration.builder("db", check).critical(false).tags("storage", "readiness")
                .timeout(Duration.ofSeconds(3)).startupTimeout(Duration.ofSeconds(20)).slowThreshold(Duration.ofSeconds(1))
                .schedule(Schedule.background(Duration.ofSeconds(30))).hysteresis(Hysteresis.of(2, 3)).startAfter(started)
                .build();

        CheckRegistration copy = base.toBuilder().build();

        assertThat(copy.toString()).isEqualTo(base.toString());
        assertThat(copy.check()).isSameAs(check);
        assertThat(copy.startAfter()).isSameAs(started);

        CheckRegistration derived = CheckRegistration.builder("db", check).timeout(Duration.ofSeconds(3)).build();
        assertThat(derived.toBuilder().timeout(Duration.ofSeconds(40)).build().startupTimeout())
                .as("a start-up deadline derived from the timeout is derived again").isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void keepsDetailsInInsertionOrderAndReplacesInPlace() {
        HealthResult result = HealthResult.healthy().withDetail("b", 1).withDetail("a", "x").withDetail("b", 2);
        assertThat(result.details()).containsExactly(entry("b", 2), entry("a", "x"));
        assertThat(HealthResult.healthy().details()).isEmpty();
    }

    @Test
    void acceptsCommonValueTypesAsTheirTextInsteadOfTurningAHealthyCheckUnhealthy() {
        java.util.UUID id = java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        HealthResult result = HealthResult.healthy()
                .withDetail("checkedAt", Instant.parse("2026-11-28T10:15:30Z"))
                .withDetail("uptime", java.time.Duration.ofMinutes(90))
                .withDetail("since", java.time.LocalDate.of(2026, 11, 1))
                .withDetail("instanceId", id)
                .withDetail("endpoint", java.net.URI.create("https://api.example.com/health"))
                .withDetail("state", HealthStatus.DEGRADED)
                .withDetail("nested", Map.of("at", Instant.EPOCH));
        assertThat(result.details()).containsExactly(
                entry("checkedAt", "2026-11-28T10:15:30Z"), entry("uptime", "PT1H30M"), entry("since", "2026-11-01"),
                entry("instanceId", "123e4567-e89b-12d3-a456-426614174000"),
                entry("endpoint", "https://api.example.com/health"), entry("state", "DEGRADED"),
                entry("nested", Map.of("at", "1970-01-01T00:00:00Z")));
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register("typed", ctx -> HealthResult.healthy().withDetail("checkedAt", Instant.EPOCH)).build()) {
            assertThat(monitor.report().checks().get(0).status()).isEqualTo(HealthStatus.HEALTHY);
        }
    }

    @Test
    void rejectsDetailsThatAreNotJsonSafe() {
        assertThatThrownBy(() -> HealthResult.healthy().withDetail("pool", new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("detail 'pool' must be a String, Boolean, Number, List, Map, temporal value (Instant, Duration,"
                        + " ...), UUID, URI or enum, was java.lang.Object: convert it to one of these, for example with"
                        + " toString()");
        assertThatThrownBy(() -> HealthResult.healthy().withDetail("ratio", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("detail 'ratio' must be a finite number, was NaN");
        assertThatThrownBy(() -> HealthResult.healthy().withDetail("nested", Map.of("list", List.of(new Object()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("detail 'nested.list[0]' must be");
        assertThatThrownBy(() -> HealthResult.healthy().withDetail(" ", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("detail key must not be blank");
    }

    @Test
    void copiesDetailsSoTheCallerCannotChangeThem() {
        java.util.Map<String, Object> source = new java.util.LinkedHashMap<>();
        source.put("count", 1);
        HealthResult result = HealthResult.healthy().withDetails(source);
        source.put("count", 2);
        assertThat(result.details()).containsExactly(entry("count", 1));
        assertThatThrownBy(() -> result.details().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void describesAFailureByClassAndMessage() {
        assertThat(HealthResult.unhealthy(new java.net.ConnectException("Connection refused")).message())
                .isEqualTo("java.net.ConnectException: Connection refused");
        assertThat(HealthResult.describe(new IllegalStateException())).isEqualTo("java.lang.IllegalStateException");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "all healthy,                 HEALTHY,   true,  HEALTHY,   true,  HEALTHY",
            "critical degraded,           DEGRADED,  true,  HEALTHY,   true,  DEGRADED",
            "critical unhealthy,          UNHEALTHY, true,  DEGRADED,  true,  UNHEALTHY",
            "non-critical unhealthy,      UNHEALTHY, false, HEALTHY,   true,  DEGRADED",
            "non-critical and critical,   UNHEALTHY, false, UNHEALTHY, true,  UNHEALTHY",
            "all non-critical unhealthy,  UNHEALTHY, false, UNHEALTHY, false, DEGRADED",
    })
    void aggregatesTheWorstCriticalStatusAndAtMostDegradedForNonCriticalOnes(String scenario, HealthStatus first,
            boolean firstCritical, HealthStatus second, boolean secondCritical, HealthStatus expected) {
        HealthReport report = HealthReport.of(Instant.EPOCH, Duration.ZERO,
                List.of(check("a", first, firstCritical), check("b", second, secondCritical)));
        assertThat(report.status()).isEqualTo(expected);
    }

    @Test
    void reportsAnEmptyRegistryHealthy() {
        try (HealthMonitor monitor = HealthMonitor.builder().build()) {
            HealthReport report = monitor.report();
            assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(report.checks()).isEmpty();
        }
    }

    @Test
    void ordersStatusesBySeverityAndParsesLabels() {
        assertThat(HealthStatus.HEALTHY.worst(HealthStatus.DEGRADED)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(HealthStatus.UNHEALTHY.worst(HealthStatus.HEALTHY)).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(HealthStatus.DEGRADED.label()).isEqualTo("degraded");
        assertThat(HealthStatus.fromLabel("Unhealthy")).isEqualTo(HealthStatus.UNHEALTHY);
        assertThatThrownBy(() -> HealthStatus.fromLabel("ok")).hasMessage("unknown health status: ok");
    }

    static CheckResult check(String name, HealthStatus status, boolean critical) {
        return new CheckResult(name, status, null, Map.of(), null, Duration.ZERO, Instant.EPOCH, critical, Set.of(), true);
    }
}
