package io.healthmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.Schedule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /health/history} over real HTTP: the JDK server, the JDK client. */
class HistoryEndpointTest {

    private static final String TOKEN = "history-token-0123456789";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<HealthResult> database = new AtomicReference<>(HealthResult.healthy());
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final ExecutorService serverThreads = Executors.newFixedThreadPool(2);
    private HttpServer server;
    private HealthMonitor monitor;
    private String base;

    @BeforeEach
    void start() throws Exception {
        monitor = HealthMonitor.builder().logTransitions(false).executor(Runnable::run).clock(now::get)
                .register(CheckRegistration.builder("database", ctx -> database.get())
                        .schedule(Schedule.onDemand(Duration.ZERO)).build())
                .build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        JdkHttpHandler.of(Endpoints.of(HealthEndpoints.builder(monitor).authorizer(Authorizer.bearerToken(TOKEN)).build()))
                .mount(server);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        monitor.close();
        serverThreads.shutdownNow();
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesEachChecksChangesAndSamplesAndTheOverallStatusToAuthorizedCallers() throws Exception {
        now.set(T0.plusSeconds(30));
        database.set(HealthResult.unhealthy("connection refused"));
        monitor.report();

        HttpResponse<String> response = send("GET", "/health/history", "Authorization", "Bearer " + TOKEN);
        assertThat(response.statusCode()).as("a history answers 200 while the service is unhealthy").isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode json = MAPPER.readTree(response.body());
        assertThat(json.get("asOf").asText()).isEqualTo("2026-03-01T12:00:30Z");
        assertThat(json.get("windowSeconds").asLong()).isEqualTo(3600);
        JsonNode check = json.get("checks").get(0);
        assertThat(check.get("name").asText()).isEqualTo("database");
        assertThat(check.get("changes").toString()).isEqualTo("[{\"at\":\"2026-03-01T12:00:00Z\",\"from\":null,"
                + "\"to\":\"healthy\",\"message\":null},{\"at\":\"2026-03-01T12:00:30Z\",\"from\":\"healthy\","
                + "\"to\":\"unhealthy\",\"message\":\"connection refused\"}]");
        assertThat(check.get("samples")).hasSize(2);
        assertThat(check.get("samples").get(1).get("status").asText()).isEqualTo("unhealthy");
        assertThat(check.get("samples").get(1).get("responseTime").isNumber()).isTrue();
        assertThat(json.get("overall")).extracting(change -> change.get("to").asText())
                .containsExactly("unhealthy", "healthy", "unhealthy");
    }

    @Test
    void refusesLikeTheDetailedReport() throws Exception {
        for (String path : new String[] {"/health/history", "/health/detailed"}) {
            HttpResponse<String> anonymous = send("GET", path);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"health\"");
            assertThat(anonymous.body()).isEqualTo("{\"error\":\"authentication required for details\"}");

            HttpResponse<String> wrong = send("GET", path, "Authorization", "Bearer wrong-token-0123456789");
            assertThat(wrong.statusCode()).as(path).isEqualTo(403);
            assertThat(wrong.body()).isEqualTo("{\"error\":\"details are not available to this caller\"}");
        }
    }

    @Test
    void answersHeadWithoutABodyAndRefusesOtherMethodsAndMediaTypes() throws Exception {
        HttpResponse<String> head = send("HEAD", "/health/history", "Authorization", "Bearer " + TOKEN);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-store");

        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            HttpResponse<String> refused = send(method, "/health/history", "Authorization", "Bearer " + TOKEN);
            assertThat(refused.statusCode()).as(method).isEqualTo(405);
            assertThat(refused.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
        assertThat(send("GET", "/health/history", "Authorization", "Bearer " + TOKEN, "Accept", "text/html").statusCode())
                .isEqualTo(406);
        assertThat(send("GET", "/health/history/", "Authorization", "Bearer " + TOKEN).statusCode())
                .as("only the canonical path is served").isEqualTo(404);
        assertThat(send("GET", "/health/historyx", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void windowFollowsTheMonitorsClock() throws Exception {
        now.set(T0.plus(Duration.ofHours(2)));
        JsonNode json = MAPPER.readTree(send("GET", "/health/history", "Authorization", "Bearer " + TOKEN).body());
        JsonNode check = json.get("checks").get(0);
        assertThat(check.get("samples")).as("the start-up sample is two hours old").isEmpty();
        assertThat(check.get("changes")).as("but the status the window starts with is kept").hasSize(1);
    }

    @Test
    void thinsSamplesOnRequestKeepingTheWorstAndRefusesAMalformedCount() throws Exception {
        for (int i = 1; i <= 9; i++) {
            now.set(T0.plusSeconds(i));
            database.set(i == 5 ? HealthResult.unhealthy("connection refused") : HealthResult.healthy());
            monitor.report();
        }
        String bearer = "Bearer " + TOKEN;
        JsonNode all = MAPPER.readTree(send("GET", "/health/history", "Authorization", bearer).body()).get("checks").get(0);
        assertThat(all.get("samples")).hasSize(10);

        JsonNode thinned = MAPPER.readTree(send("GET", "/health/history?samples=3", "Authorization", bearer).body())
                .get("checks").get(0);
        assertThat(thinned.get("samples")).extracting(sample -> sample.get("status").asText())
                .as("the unhealthy sample survives in its group").containsExactly("healthy", "unhealthy", "healthy");
        assertThat(thinned.get("samples").get(2).get("at").asText()).as("a group is shown at its last time")
                .isEqualTo("2026-03-01T12:00:09Z");
        assertThat(thinned.get("changes")).as("changes are all kept").hasSize(all.get("changes").size());

        // Decoded like every parameter of the library's endpoints (a user test: %33 was refused here, accepted elsewhere)
        JsonNode encoded = MAPPER.readTree(send("GET", "/health/history?samples=%33", "Authorization", bearer).body())
                .get("checks").get(0);
        assertThat(encoded.get("samples")).hasSize(3);

        for (String bad : new String[] {"0", "-1", "abc", "", "10001", "99999999999", "3&samples=abc", "abc&samples=3", "3&samples=3"}) {
            HttpResponse<String> response = send("GET", "/health/history?samples=" + bad, "Authorization", bearer);
            assertThat(response.statusCode()).as("samples=" + bad).isEqualTo(400);
            assertThat(response.body()).contains("samples must be given once, a number from 1 to 10000");
        }
    }
}
