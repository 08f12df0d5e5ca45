package io.healthmonitor.spring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.healthmonitor.HealthHistory;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.testsupport.RequiredServices;
import io.healthmonitor.testsupport.ServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The starter in a real application on a random port, probed over real HTTP, with real PostgreSQL,
 * NATS and a private redis-server that the test kills and restarts.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
        "spring.datasource.username=postgres",
        "management.endpoint.health.show-details=always",
        "healthmonitor.defaults.cache-ttl=0s",
        "healthmonitor.checks.redis.cache-ttl=1s",
        "healthmonitor.checks.redis.timeout=1s",
        "healthmonitor.checks.hanging.timeout=300ms",
        "healthmonitor.metrics.prefix=credlink"})
class StarterApplicationTest {

    private static final Duration REDIS_TTL = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ServerProcess redis;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @Autowired
    private HealthMonitor monitor;

    @BeforeAll
    static void servers() throws IOException {
        RequiredServices.assumeListening("PostgreSQL", "127.0.0.1", 5432);
        RequiredServices.assumeListening("NATS", "127.0.0.1", 4222);
        Path binary = RequiredServices.assumeCommand("redis-server");
        Path directory = Files.createTempDirectory("healthmonitor-redis-");
        redis = ServerProcess.start("redis", p -> List.of(binary.toString(), "--port", String.valueOf(p), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory.toString()));
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @DynamicPropertySource
    static void redisPort(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> redis.port());
    }

    @Test
    void tenSlowIndicatorsRunConcurrentlyInOneRequest() throws Exception {
        DemoApplication.round.set(new CountDownLatch(DemoApplication.SLOW));
        DemoApplication.maxInFlight.set(0);
        long start = System.nanoTime();
        HttpResponse<String> response = get("/actuator/health");
        long millis = (System.nanoTime() - start) / 1_000_000;
        JsonNode health = JSON.readTree(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (int i = 0; i < DemoApplication.SLOW; i++) {
            assertThat(health.at("/components/slow" + i + "/status").asString()).isEqualTo("UP");
        }
        // Each indicator waits for all ten to have started: UP proves they ran at once.
        assertThat(DemoApplication.maxInFlight.get()).isEqualTo(DemoApplication.SLOW);
        System.out.println("ten 50 ms indicators through /actuator/health: " + millis + " ms");
    }

    @Test
    void aHangingIndicatorIsDownByItsDeadline() throws Exception {
        DemoApplication.hang.set(true);
        try {
            long start = System.nanoTime();
            HttpResponse<String> response = get("/actuator/health");
            long millis = (System.nanoTime() - start) / 1_000_000;
            JsonNode health = JSON.readTree(response.body());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(health.at("/status").asString()).isEqualTo("DOWN");
            assertThat(health.at("/components/hanging/status").asString()).isEqualTo("DOWN");
            assertThat(health.at("/components/hanging/details/message").asString()).isEqualTo("timed out after 300 ms");
            assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
            System.out.println("/actuator/health with a hanging indicator (300 ms deadline): " + millis + " ms");
        } finally {
            DemoApplication.hang.set(false);
        }
    }

    @Test
    void aKilledRedisIsDownWithinOneTtlAndUpAfterItsRestart() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(redisStatus()).isEqualTo("UP"));
        redis.kill();
        try {
            long killed = System.nanoTime();
            // Refresh-ahead: the first request after the TTL starts the refresh, the next one sees its result.
            await().atMost(REDIS_TTL.plusSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(redisStatus()).isEqualTo("DOWN"));
            System.out.println("redis DOWN " + (System.nanoTime() - killed) / 1_000_000 + " ms after the kill");
        } finally {
            redis.restart();
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(redisStatus()).isEqualTo("UP"));
    }

    @Test
    void theDetailedReportAnswersTheRunbookQueries() throws Exception {
        HttpResponse<String> response = get("/health/detailed");
        assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
        JsonNode report = JSON.readTree(response.body());
        // jq .overallStatus
        assertThat(report.get("overallStatus").asString()).isIn("healthy", "degraded", "unhealthy");
        List<String> names = new ArrayList<>();
        for (JsonNode check : report.get("checks")) {
            names.add(check.get("name").asString());
            // jq '.checks[] | select(.status == "unhealthy")' and '.checks[] | select(.responseTime > 5000)'
            assertThat(check.get("status").asString()).isIn("healthy", "degraded", "unhealthy");
            assertThat(check.get("responseTime").isNumber()).as(check.toString()).isTrue();
        }
        assertThat(names).contains("db", "redis", "nats", "diskSpace", "ping", "slow0", "hanging");
        HttpResponse<String> summary = get("/health");
        assertThat(JSON.readTree(summary.body()).get("status").asString()).isIn("healthy", "degraded", "unhealthy");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/health/ui").statusCode()).isEqualTo(200);
        assertThat(get("/health/detailed?format=ietf").headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/health+json"));
        assertThat(Set.of(get("/does-not-exist").statusCode())).containsAnyOf(404);
    }

    @Test
    void theAvailabilityStatesFirstResultsAreHealthy() {
        // Their checks start once Boot has published the states, not while the context was starting.
        for (String name : List.of("livenessState", "readinessState")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !monitor.history().check(name).orElseThrow().changes().isEmpty());
            List<HealthHistory.Change> changes = monitor.history().check(name).orElseThrow().changes();
            assertThat(changes.get(0).from()).as(name).isNull();
            assertThat(changes.get(0).to()).as(name).isEqualTo(HealthStatus.HEALTHY);
            assertThat(changes).as(name).extracting(HealthHistory.Change::to).doesNotContain(HealthStatus.UNHEALTHY);
        }
    }

    @Test
    void endpointBeansAreServedOnTheirOwnPathsAndTheApplicationKeepsItsRoutes() throws Exception {
        // The filter handed the router only /health/*: an endpoint bean at /api/v1/version was a 404 of Spring MVC.
        HttpResponse<String> version = get("/api/v1/version");
        assertThat(version.statusCode()).as(version.body()).isEqualTo(200);
        assertThat(version.body()).isEqualTo("{\"version\":\"1.4.2\"}");
        assertThat(version.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> order = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("item=7")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        assertThat(order.body()).as("the form reached the application unread").isEqualTo("stored 7");
        assertThat(order.headers().firstValue("Cache-Control")).as("none of the router's headers").isEmpty();
    }

    /**
     * On Tomcat a query with a malformed escape reaches the filter: on an endpoint bean's path the
     * router answers 400 as on the health paths (it was Spring MVC's 404), elsewhere the application
     * answers. Over a raw socket: java.net.URI refuses such a query.
     */
    @Test
    void aMalformedQueryOnAnEndpointBeansPathGetsTheRoutersFourHundred() throws Exception {
        String health = raw("GET /health?%zz");
        assertThat(health).startsWith("HTTP/1.1 400 ");
        String body = health.substring(health.indexOf("\r\n\r\n") + 4);

        for (String target : new String[] {"/api/v1/version?%zz", "/api/v1/version?x=%2"}) {
            String answer = raw("GET " + target);
            assertThat(answer).as(target).startsWith("HTTP/1.1 400 ").endsWith(body)
                    .containsIgnoringCase("Cache-Control: no-store").doesNotContain("\tat ");
        }
        assertThat(raw("GET /orders?%zz")).as("the application's own path").doesNotContain("malformed query")
                .doesNotContainIgnoringCase("X-Content-Type-Options");
    }

    /** Sends {@code requestLine} over a raw socket and reads the whole answer. */
    private String raw(String requestLine) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private String redisStatus() throws Exception {
        return JSON.readTree(get("/actuator/health/redis").body()).get("status").asString();
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
