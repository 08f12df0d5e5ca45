package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The detailed JSON as rendered from cached check JSON, and the formatting that makes it cheap. */
class CheckJsonCacheTest {

    private static final Pattern DURATION = Pattern.compile("\"duration\":([^,]+),");
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");

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

    @Test
    void writesInstantsAsInstantToStringDoes() {
        Random random = new Random(42);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long seconds = i < 10_000 ? min + (long) (random.nextDouble() * (max - min))
                    : Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() + random.nextInt(400 * 86_400);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(seconds, nano);
            assertThat(timestampOf(at)).isEqualTo(at.toString());
        }
        for (Instant edge : List.of(Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("1969-12-31T23:59:59.1Z"))) {
            assertThat(timestampOf(edge)).isEqualTo(edge.toString());
        }
    }

    @Test
    void writesMillisAsDoubleToStringDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long nanos = switch (i % 4) {
                case 0 -> random.nextInt(1_000_000);
                case 1 -> random.nextInt(1_000_000_000);
                case 2 -> (long) (random.nextDouble() * 1e13);
                default -> random.nextInt(1000) * 1_000_000L;
            };
            assertThat(durationOf(Duration.ofNanos(nanos)))
                    .isEqualTo(Double.toString(Math.round(nanos / 1_000_000.0 * 1000.0) / 1000.0));
        }
    }

    private static String timestampOf(Instant at) {
        String json = new String(HealthJson.detailed(HealthReport.of(at, Duration.ZERO, List.of())), StandardCharsets.UTF_8);
        Matcher matcher = TIMESTAMP.matcher(json);
        assertThat(matcher.find()).as(json).isTrue();
        return matcher.group(1);
    }

    private static String durationOf(Duration duration) {
        String json = new String(HealthJson.detailed(HealthReport.of(HealthJsonTest.AT, duration, List.of())),
                StandardCharsets.UTF_8);
        Matcher matcher = DURATION.matcher(json);
        assertThat(matcher.find()).as(json).isTrue();
        return matcher.group(1);
    }

    private static CheckResult result(String name, HealthStatus status, String message) {
        return new CheckResult(name, status, message, Map.of(), null, Duration.ofMillis(3), HealthJsonTest.AT, true,
                Set.of(), true);
    }
}
