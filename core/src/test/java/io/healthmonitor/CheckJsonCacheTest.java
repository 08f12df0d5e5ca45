package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The detailed JSON as rendered from cached check JSON. */
class CheckJsonCacheTest {

    @Test
    void rendersTheSameBytesAsTheStatelessRenderer() {
        CheckJsonCache cache = new CheckJsonCache();
        HealthReport report = HealthJsonTest.exampleReport();

        assertThat(cache.detailed(report)).isEqualTo(HealthJson.detailed(report));
        assertThat(cache.detailed(report)).as("from the cache").isEqualTo(HealthJson.detailed(report));
        CheckResult first = report.checks().get(0);
        assertThat(cache.check(first)).isEqualTo(HealthJson.check(first));
    }

    @Test
    void rendersANewResultOfTheSameCheckAgain() {
        CheckJsonCache cache = new CheckJsonCache();
        CheckResult healthy = result("redis", HealthStatus.HEALTHY, "PONG");
        CheckResult equalButNew = result("redis", HealthStatus.HEALTHY, "PONG");
        CheckResult down = result("redis", HealthStatus.UNHEALTHY, "connection refused");
        Instant at = HealthJsonTest.AT;

        cache.detailed(HealthReport.of(at, Duration.ZERO, List.of(healthy)));
        byte[] afterChange = cache.detailed(HealthReport.of(at, Duration.ZERO, List.of(down)));
        byte[] afterEqual = cache.detailed(HealthReport.of(at, Duration.ZERO, List.of(equalButNew)));

        assertThat(new String(afterChange, StandardCharsets.UTF_8)).contains("connection refused").doesNotContain("PONG");
        assertThat(afterEqual).isEqualTo(HealthJson.detailed(HealthReport.of(at, Duration.ZERO, List.of(equalButNew))));
    }

    @Test
    void rendersAReportWithoutChecks() {
        HealthReport empty = HealthReport.of(HealthJsonTest.AT, Duration.ofNanos(1_500), List.of());
        assertThat(new String(new CheckJsonCache().detailed(empty), StandardCharsets.UTF_8))
                .isEqualTo("{\"overallStatus\":\"healthy\",\"timestamp\":\"2026-11-22T10:15:30Z\",\"duration\":0.002,\"checks\":[]}");
    }

    @Test
    void returnsArraysTheCallerMayChange() {
        CheckJsonCache cache = new CheckJsonCache();
        CheckResult check = result("db", HealthStatus.HEALTHY, null);
        byte[] first = cache.check(check);
        first[0] = 'x';
        assertThat(cache.check(check)).isEqualTo(HealthJson.check(check));
    }

    private static CheckResult result(String name, HealthStatus status, String message) {
        return new CheckResult(name, status, message, Map.of(), null, Duration.ofMillis(3), HealthJsonTest.AT, true,
                Set.of(), true);
    }
}
