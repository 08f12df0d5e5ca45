package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() { };
    static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");

    /** The report the docs show; docs/http.md must contain exactly what it renders to. */
    static HealthReport exampleReport() {
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("database", "PostgreSQL 15.19");
        pool.put("validation", "isValid");
        Map<String, Object> connections = new LinkedHashMap<>();   // as checks-jdbc writes them
        connections.put("active", 3);
        connections.put("idle", 7);
        connections.put("total", 10);
        connections.put("max", 10);
        connections.put("pending", 0);
        connections.put("utilizationPercent", 30.0);
        pool.put("pool", connections);
        CheckResult database = new CheckResult("database", HealthStatus.HEALTHY, null, pool, null,
                Duration.ofNanos(4_215_000), AT, true, new LinkedHashSet<>(List.of("readiness")), true);
        CheckResult cache = new CheckResult("redis", HealthStatus.UNHEALTHY, "timed out after 2000 ms", Map.of(), null,
                Duration.ofSeconds(2), AT, false, new LinkedHashSet<>(List.of("readiness")), true);
        CheckResult certificate = new CheckResult("tls-api", HealthStatus.DEGRADED,
                "certificate CN=api.example.com expires in 21 days", Map.of("expiresInDays", 21), null,
                Duration.ofNanos(310_000), AT, true, new LinkedHashSet<>(), true);
        return HealthReport.of(AT, Duration.ofNanos(2_001_250_000), List.of(database, cache, certificate));
    }

    @Test
    void roundTripsTheDetailedReport() throws IOException {
        HealthReport report = exampleReport();
        JsonNode json = MAPPER.readTree(HealthJson.detailed(report));

        assertThat(json.get("overallStatus").asText()).isEqualTo(report.status().label());
        assertThat(Instant.parse(json.get("timestamp").asText())).isEqualTo(report.timestamp());
        assertThat(json.get("duration").asDouble()).isEqualTo(2001.25);
        assertThat(json.get("checks")).hasSize(report.checks().size());
        for (int i = 0; i < report.checks().size(); i++) {
            CheckResult check = report.checks().get(i);
            JsonNode node = json.get("checks").get(i);
            assertThat(node.get("name").asText()).isEqualTo(check.name());
            assertThat(HealthStatus.fromLabel(node.get("status").asText())).isEqualTo(check.status());
            assertThat(node.get("critical").asBoolean()).isEqualTo(check.critical());
            assertThat(node.get("responseTime").asDouble()).isEqualTo(check.duration().toNanos() / 1_000_000.0);
            assertThat(Instant.parse(node.get("timestamp").asText())).isEqualTo(check.observedAt());
            assertThat(node.has("message")).isEqualTo(check.message() != null);
            if (check.message() != null) {
                assertThat(node.get("message").asText()).isEqualTo(check.message());
            }
            assertThat(node.has("details")).isEqualTo(!check.details().isEmpty());
            if (!check.details().isEmpty()) {
                assertThat(MAPPER.convertValue(node.get("details"), DETAILS)).isEqualTo(check.details());
            }
            assertThat(node.has("error")).isFalse();
            assertThat(node.has("tags")).isEqualTo(!check.tags().isEmpty());
        }
    }

    @Test
    void roundTripsTheIetfFormat() throws IOException {
        JsonNode json = MAPPER.readTree(HealthJson.ietf(exampleReport(), true));
        assertThat(json.get("status").asText()).as("a non-critical failure only degrades").isEqualTo("warn");
        assertThat(json.get("checks").fieldNames()).toIterable().containsExactly(
                "database:responseTime", "redis:responseTime", "tls-api:responseTime", "tls-api:expiresIn");
        JsonNode expiry = json.get("checks").get("tls-api:expiresIn").get(0);
        assertThat(expiry.get("observedValue").asInt()).isEqualTo(21);
        assertThat(expiry.get("observedUnit").asText()).isEqualTo("d");
        assertThat(expiry.get("status").asText()).isEqualTo("warn");
        assertThat(json.get("checks").get("redis:responseTime").get(0).get("observedValue").asDouble()).isEqualTo(2000.0);
        assertThat(MAPPER.readTree(HealthJson.ietf(exampleReport(), false)).fieldNames()).toIterable()
                .containsExactly("status");
    }

    @Test
    void omitsAbsentOptionalFieldsInsteadOfWritingNull() {
        String json = new String(HealthJson.detailed(exampleReport()), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("null");
    }

    @Test
    void docsShowExactlyWhatTheCodeRenders() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "http.md"));
        assertThat(docs).as("docs/http.md must contain the detailed example as rendered now")
                .contains(pretty(HealthJson.detailed(exampleReport())));
        assertThat(docs).as("docs/http.md must contain the IETF example as rendered now")
                .contains(pretty(HealthJson.ietf(exampleReport(), true)));
        assertThat(docs).contains(new String(HealthJson.summary(exampleReport(), false), StandardCharsets.UTF_8));
    }

    static String pretty(byte[] json) throws IOException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(MAPPER.readTree(json));
    }
}
