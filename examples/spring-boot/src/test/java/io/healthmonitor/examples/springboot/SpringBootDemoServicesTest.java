package io.healthmonitor.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.testsupport.RequiredServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import io.healthmonitor.HealthMonitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The demo as it runs in front of real PostgreSQL, Redis and NATS on 127.0.0.1, switched on by the
 * plain demo's variables (here as properties), on a random port, probed over real HTTP: Actuator's
 * endpoint and the runbook's {@code jq} queries on {@code /health/detailed}.
 */
@SpringBootTest(classes = SpringBootDemo.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/test", "DATABASE_USER=postgres",
        "REDIS_URL=redis://127.0.0.1:6379", "NATS_URL=nats://127.0.0.1:4222", "demo.slow-indicators=2"})
class SpringBootDemoServicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @Autowired
    private HealthMonitor monitor;

    /** Every check has its first result: the start-up round runs in the background, as the service serves. */
    @BeforeEach
    void firstResults() throws InterruptedException {
        assertThat(monitor.awaitReady(Duration.ofSeconds(30))).as("first results within 30 s").isTrue();
    }

    @BeforeAll
    static void servers() {
        RequiredServices.assumeListening("PostgreSQL", "127.0.0.1", 5432);
        RequiredServices.assumeListening("Redis", "127.0.0.1", 6379);
        RequiredServices.assumeListening("NATS", "127.0.0.1", 4222);
    }

    @Test
    void actuatorIsUpWithEveryServiceChecked() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void detailedAnswersTheRunbookQueries() throws Exception {
        HttpResponse<String> response = get("/health/detailed");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode detailed = JSON.readTree(response.body());
        // jq -r .overallStatus
        assertThat(detailed.get("overallStatus").asString()).as(response.body()).isEqualTo("healthy");
        List<JsonNode> checks = StreamSupport.stream(detailed.get("checks").spliterator(), false).toList();
        // jq '.checks[] | select(.status != "healthy")'
        assertThat(checks).filteredOn(c -> !"healthy".equals(c.get("status").asString())).isEmpty();
        // jq '.checks[] | {name, status, responseTime}'
        assertThat(checks).extracting(c -> c.get("name").asString())
                .contains("db", "redis", "nats", "diskSpace", "ping", "slow0", "slow1");
        JsonNode db = checks.stream().filter(c -> "db".equals(c.get("name").asString())).findFirst().orElseThrow();
        assertThat(db.get("details").get("database").asString()).isEqualTo("PostgreSQL");
        assertThat(checks).allSatisfy(c -> assertThat(c.get("responseTime").isNumber()).isTrue());
    }

    @Test
    void theRunbookSummaryListsEveryService() throws Exception {
        HttpResponse<String> response = get("/health");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode summary = JSON.readTree(response.body());
        assertThat(summary.get("status").asString()).isEqualTo("healthy");
        for (String name : List.of("db", "redis", "nats")) {
            assertThat(summary.get("checks").get(name).asString()).as(name).isEqualTo("healthy");
        }
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
