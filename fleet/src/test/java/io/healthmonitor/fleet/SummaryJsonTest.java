package io.healthmonitor.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthmonitor.HealthStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryJsonTest {

    private static final Instant TIME = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void readsWhatItWrites() {
        Map<String, HealthStatus> checks = new LinkedHashMap<>();
        checks.put("db", HealthStatus.HEALTHY);
        checks.put("redis", HealthStatus.DEGRADED);
        Summary summary = new Summary("orders", "orders-1", HealthStatus.DEGRADED, checks, TIME, "1.4.2",
                Duration.ofSeconds(5), false);

        byte[] json = SummaryJson.write(summary);

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"v\":1,\"service\":\"orders\",\"instance\":\"orders-1\","
                + "\"status\":\"degraded\",\"time\":\"2026-01-02T03:04:05Z\",\"heartbeatMillis\":5000,\"version\":\"1.4.2\","
                + "\"checks\":{\"db\":\"healthy\",\"redis\":\"degraded\"}}");
        assertThat(SummaryJson.read("orders", "orders-1", json)).isEqualTo(summary);
    }

    @Test
    void theKeyNotTheBodyNamesTheInstance() {
        byte[] json = SummaryJson.write(new Summary("orders", "orders-1", HealthStatus.HEALTHY, Map.of(), TIME, null,
                Duration.ofSeconds(5), false));

        Summary read = SummaryJson.read("payments", "p-9", json);

        assertThat(read.service()).isEqualTo("payments");
        assertThat(read.instance()).isEqualTo("p-9");
    }

    @Test
    void leavesChecksOutRatherThanExceedTheSizeLimit() {
        Map<String, HealthStatus> checks = new LinkedHashMap<>();
        for (int i = 0; i < 1_000; i++) {
            checks.put("check-" + i + "-" + "x".repeat(100), HealthStatus.HEALTHY);
        }
        byte[] json = SummaryJson.write(new Summary("orders", "o", HealthStatus.HEALTHY, checks, TIME, null,
                Duration.ofSeconds(5), false));

        assertThat(json.length).isLessThanOrEqualTo(SummaryJson.MAX_BYTES);
        Summary read = SummaryJson.read("orders", "o", json);
        assertThat(read.truncated()).isTrue();
        assertThat(read.checks()).isNotEmpty().hasSizeLessThan(SummaryJson.MAX_CHECKS + 1);
    }

    @Test
    void refusesWhatAHostileOrBrokenPublisherWrites() {
        String[] hostile = {
            "", "null", "[]", "{", "{\"status\":\"healthy\"}", "{\"time\":\"2026-01-02T03:04:05Z\"}",
            "{\"status\":\"fine\",\"time\":\"2026-01-02T03:04:05Z\"}",
            "{\"status\":\"healthy\",\"time\":\"yesterday\"}",
            "{\"status\":1,\"time\":\"2026-01-02T03:04:05Z\"}",
            "{\"status\":\"healthy\",\"time\":\"2026-01-02T03:04:05Z\",\"checks\":[]}",
            "{\"status\":\"healthy\",\"time\":\"2026-01-02T03:04:05Z\",\"checks\":{\"db\":\"maybe\"}}",
            "{\"status\":\"healthy\",\"time\":\"2026-01-02T03:04:05Z\",\"heartbeatMillis\":-5}",
            "{\"status\":\"healthy\",\"time\":\"2026-01-02T03:04:05Z\",\"x\":[[[[[[[[1]]]]]]]]}",
            "{\"status\":\"healthy\",\"time\":\"2026-01-02T03:04:05Z\"} trailing",
            "{\"status\":\"healthy\",\"time\":\"2026-01-02T03:04:05Z\",\"version\":\"" + "v".repeat(10_000) + "\"}",
        };
        for (String body : hostile) {
            assertThatThrownBy(() -> SummaryJson.read("s", "i", body.getBytes(StandardCharsets.UTF_8)))
                    .as(body.length() > 80 ? body.substring(0, 80) : body).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SummaryJson.read("s", "i", new byte[SummaryJson.MAX_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes");
    }

    @Test
    void refusesMoreChecksThanTheLimit() {
        StringBuilder body = new StringBuilder("{\"status\":\"healthy\",\"time\":\"2026-01-02T03:04:05Z\",\"checks\":{");
        for (int i = 0; i <= SummaryJson.MAX_CHECKS; i++) {
            body.append(i == 0 ? "" : ",").append("\"c").append(i).append("\":\"healthy\"");
        }
        body.append("}}");

        assertThatThrownBy(() -> SummaryJson.read("s", "i", body.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checks");
    }
}
