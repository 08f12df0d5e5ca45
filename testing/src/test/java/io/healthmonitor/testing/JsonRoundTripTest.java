package io.healthmonitor.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthJson;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON assertions read what core's {@link HealthJson} writes for a real report. */
class JsonRoundTripTest {

    private static HealthReport report() {
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("database", new StubHealthCheck(HealthResult.healthy()
                        .withDetail("pool", Map.of("active", 10L, "max", 20)).withDetail("latencyMillis", 1.5)))
                        .tags(CheckRegistration.READINESS).build())
                .register(CheckRegistration.builder("cache",
                        new ThrowingHealthCheck(new ConnectException("Connection refused"))).critical(false).build())
                .build()) {
            return monitor.report();
        }
    }

    private static String utf8(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void readsTheDetailedReportCoreRenders() {
        HealthReport report = report();
        String body = utf8(HealthJson.detailed(report));
        JsonHealthAssert json = HealthAssertions.assertThatJson(body).isDetailedReport().isDegraded()
                .hasChecks("database", "cache");
        for (CheckResult check : report.checks()) {
            json.hasCheck(check.name()).withStatus(check.status())
                    .respondedWithin(check.duration().plusNanos(1_000));
        }
        json.hasCheck("database").isCritical().withTag(CheckRegistration.READINESS).withoutError()
                .withDetail("pool.active", 10).withDetail("pool.max", 20L).withDetail("latencyMillis", 1.5);
        json.hasCheck("cache").isNotCritical().withErrorContaining("java.net.ConnectException: Connection refused");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(body).hasCheck("cache").isHealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting check \"cache\" in the JSON body to have status \"healthy\" but it was \"unhealthy\"");
    }

    @Test
    void readsTheSummariesAndTheSingleCheckCoreRenders() {
        HealthReport report = report();
        HealthAssertions.assertThatJson(utf8(HealthJson.summary(report, false)))
                .hasOverallStatus(HealthStatus.DEGRADED).hasNoDetails().doesNotContain("database", "cache");
        HealthAssertions.assertThatJson(utf8(HealthJson.summary(report, true)))
                .isDegraded().hasCheck("cache").isUnhealthy();
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(utf8(HealthJson.summary(report, true))).hasNoDetails())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be a summary with only a \"status\" field but its fields are [status, checks]");
        HealthAssertions.assertThatJson(utf8(HealthJson.check(report.check("database").orElseThrow())))
                .asCheck().isHealthy().withDetail("pool.active", 10).respondedWithin(Duration.ofSeconds(10));
    }
}
