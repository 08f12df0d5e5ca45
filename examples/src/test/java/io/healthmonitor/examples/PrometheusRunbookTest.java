package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmonitor.testsupport.RequiredServices;
import io.healthmonitor.testsupport.ServerProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus scrapes the demo with docs/prometheus/rules.yml and alerts.yml loaded, and
 * answers the runbooks' queries: {@code corim_profiles_total} (runbook 000) and
 * {@code credlink_health_check_response_time_ms} (runbook 001).
 */
class PrometheusRunbookTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void answersTheRunbooksQueriesFromTheDemosScrape() throws Exception {
        Path prometheus = RequiredServices.assumeCommand("prometheus");
        Path work = Files.createTempDirectory("healthmonitor-prometheus-");
        try (DemoService demo = DemoClient.startReady(Map.of("PORT", "0", "SERVICE_NAME", "credlink"))) {
            Path config = work.resolve("prometheus.yml");
            Files.writeString(config, String.join("\n",
                    "global:",
                    "  scrape_interval: 1s",
                    "  evaluation_interval: 1s",
                    "rule_files:",
                    "  - " + MetricsCatalogTest.DOCS.resolve("prometheus/rules.yml").toAbsolutePath(),
                    "  - " + MetricsCatalogTest.DOCS.resolve("prometheus/alerts.yml").toAbsolutePath(),
                    "scrape_configs:",
                    "  - job_name: demo",
                    "    metrics_path: /metrics",
                    "    static_configs:",
                    "      - targets: ['127.0.0.1:" + demo.port() + "']",
                    ""));
            try (ServerProcess server = ServerProcess.start("prometheus", port -> List.of(prometheus.toString(),
                    "--config.file=" + config, "--storage.tsdb.path=" + work.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port))) {
                JsonNode profiles = awaitSeries(server.port(), "corim_profiles_total");
                assertThat(profiles.get(0).at("/value/1").asDouble()).as("the sample profile is stored").isGreaterThanOrEqualTo(1);

                JsonNode responseTimes = awaitSeries(server.port(), "credlink_health_check_response_time_ms");
                assertThat(responseTimes).extracting(series -> series.at("/metric/check").asText())
                        .contains("database", "disk", "memory", "tls-self", "corim-profiles");
                for (JsonNode series : responseTimes) {
                    assertThat(series.at("/value/1").asDouble()).as("%s", series).isGreaterThanOrEqualTo(0.0);
                }

                JsonNode rules = json(server.port(), "/api/v1/rules");   // ready by now: it answered the queries
                assertThat(rules.toString()).contains("ServiceDown").contains("corim_profiles_total");
            }
        }
    }

    /** Prometheus scrapes and evaluates every second: a bounded wait for the first samples. */
    private JsonNode awaitSeries(int port, String query) throws Exception {
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode result = MAPPER.createArrayNode();
        while (System.nanoTime() < giveUp) {
            result = json(port, "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).at("/data/result");
            if (result.size() > 0) {
                return result;
            }
            Thread.sleep(200); // a bounded poll, not an assertion
        }
        assertThat(result.size()).as("series of %s", query).isPositive();
        return result;
    }

    /** The answer's JSON, or an empty object while Prometheus is still starting (503 "Service Unavailable"). */
    private JsonNode json(int port, String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? MAPPER.readTree(response.body()) : MAPPER.createObjectNode();
    }
}
