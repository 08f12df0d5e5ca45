package io.healthmonitor.testing;

import io.healthmonitor.CheckContext;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import static io.healthmonitor.testing.HealthAssertions.assertThat;
import static io.healthmonitor.testing.HealthAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snippets of docs/testing.md, compiled and run here; {@link #docsShowEverySnippetAsWritten()}
 * fails when the page and this file drift apart. Both {@code assertThat}s are statically imported,
 * as the page recommends, to prove they do not clash.
 */
class TestingDocsTest {

    private static final Pattern SNIPPET = Pattern.compile("// docs:(\\w+)\\R(.*?)\\R\\s*// docs:end", Pattern.DOTALL);

    @Test
    void reportSnippet() {
        // docs:report
        StubHealthCheck db = new StubHealthCheck(HealthResult.unhealthy("connection refused")
                .withDetail("pool", Map.of("active", 10L)));
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).register("db", db).build()) {
            assertThat(monitor.report())
                    .isUnhealthy()
                    .hasCheck("db")
                    .withStatus(HealthStatus.UNHEALTHY)
                    .withMessageContaining("refused")
                    .withDetail("pool.active", 10)        // an Integer 10 matches the Long 10
                    .respondedWithin(Duration.ofSeconds(1))
                    .isCritical();
        }
        // docs:end
    }

    @Test
    void resultSnippet() throws Exception {
        // docs:result
        StubHealthCheck replica = new StubHealthCheck(HealthResult.degraded("replica lag").withDetail("lagSeconds", 12));
        assertThat(replica.check(CheckContext.of("replica", Duration.ofSeconds(1))))
                .isDegraded()
                .hasMessage("replica lag")
                .hasDetail("lagSeconds", 12L)
                .hasNoError();
        // docs:end
    }

    @Test
    void jsonSnippet() {
        // docs:json
        String detailed = """
                {"overallStatus":"degraded","timestamp":"2025-01-01T10:00:00Z","duration":12.5,"checks":[
                  {"name":"database","status":"healthy","critical":true,"responseTime":3.25,
                   "timestamp":"2025-01-01T10:00:00Z","details":{"pool":{"active":10}},"tags":["readiness"]},
                  {"name":"cache","status":"unhealthy","critical":false,"responseTime":1000,
                   "timestamp":"2025-01-01T10:00:01Z","message":"timed out after 1000 ms"}]}""";
        assertThatJson(detailed)
                .isDetailedReport()                       // the contract: mandatory fields, no nulls
                .hasOverallStatus(HealthStatus.DEGRADED)
                .doesNotContain("s3cret")
                .hasCheck("database").withStatus(HealthStatus.HEALTHY).withDetail("pool.active", 10)
                .respondedWithin(Duration.ofMillis(50)).withTag("readiness");
        assertThatJson("{\"status\":\"healthy\"}").hasOverallStatus(HealthStatus.HEALTHY).hasNoDetails();
        // docs:end
    }

    @Test
    void doublesSnippet() throws InterruptedException {
        // docs:doubles
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        StubHealthCheck cache = new StubHealthCheck();
        HangingHealthCheck search = new HangingHealthCheck();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock)
                .register(CheckRegistration.builder("cache", cache).critical(false).build())
                .register(CheckRegistration.builder("search", search).timeout(Duration.ofMillis(100))
                        .startupTimeout(Duration.ofMillis(100)).build())
                .register("broken", new ThrowingHealthCheck(new IllegalStateException("pool closed")))
                .build()) {
            assertThat(monitor.report()).isUnhealthy()
                    .hasCheck("search").isUnhealthy().withMessageContaining("timed out");
            assertThat(search.awaitInterruptions(1, Duration.ofSeconds(5))).isTrue();   // the engine interrupted it

            cache.setResult(HealthResult.unhealthy("evicting"));
            clock.advance(Duration.ofSeconds(5));         // past the 1 s cache and its max staleness (TTL + timeout)
            assertThat(monitor.report()).hasCheck("cache").isUnhealthy().isNotCritical();
            assertThat(monitor.report()).hasCheck("broken")
                    .withErrorContaining("java.lang.IllegalStateException: pool closed");
        } finally {
            search.release();
        }
        // docs:end
        assertThat(cache.invocations()).isEqualTo(2);
    }

    @Test
    void docsShowEverySnippetAsWritten() throws IOException {
        String source = Files.readString(Path.of("src", "test", "java", "io", "healthmonitor", "testing", "TestingDocsTest.java"));
        String docs = Files.readString(Path.of("..", "docs", "testing.md"));
        List<String> names = new ArrayList<>();
        Matcher snippets = SNIPPET.matcher(source);
        while (snippets.find()) {
            names.add(snippets.group(1));
            assertThat(docs).as("docs/testing.md shows the %s snippet of TestingDocsTest as written", snippets.group(1))
                    .contains(dedent(snippets.group(2)));
        }
        assertThat(names).containsExactly("report", "result", "json", "doubles");
    }

    private static String dedent(String block) {
        List<String> lines = block.lines().toList();
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList());
    }
}
