package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Starts the demo on an ephemeral port and asks it what the runbooks ask. */
class DemoServiceTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersTheRunbooksQueriesWithRealChecks() throws Exception {
        try (DemoService demo = DemoService.start(Map.of("PORT", "0", "SERVICE_NAME", "credlink"))) {
            HttpResponse<String> health = get(demo.port(), "/health");
            assertThat(health.statusCode()).as("curl -f /health").isEqualTo(200);

            JsonNode detailed = mapper.readTree(get(demo.port(), "/health/detailed").body());
            // jq '.overallStatus'
            assertThat(detailed.get("overallStatus").asText()).isIn("healthy", "degraded");
            // jq '.checks[] | select(.status == "unhealthy")'
            assertThat(detailed.get("checks")).allSatisfy(check ->
                    assertThat(check.get("status").asText()).isNotEqualTo("unhealthy"));
            // jq '.checks[] | select(.responseTime > 5000)'
            assertThat(detailed.get("checks")).allSatisfy(check ->
                    assertThat(check.get("responseTime").asDouble()).isLessThan(5000));
            assertThat(detailed.get("checks")).extracting(check -> check.get("name").asText())
                    .containsExactly("disk", "memory", "self-http");

            String metrics = get(demo.port(), "/metrics").body();
            assertThat(metrics).contains("credlink_health_check_response_time_seconds_count{check=\"disk\"}")
                    .contains("credlink_health_status ");
        }
    }
}
