package io.healthmonitor.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.http.Endpoint;
import io.healthmonitor.http.EndpointResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The WebFlux application on its real Reactor Netty server behind Spring Security's real web filter
 * chain, over real HTTP. The server runs on one event loop (the module's surefire configuration), so
 * a report that blocked it would stall every other request meanwhile.
 */
@SpringBootTest(classes = {WebFluxApplication.class, WebFluxApplicationTest.Gate.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"healthmonitor.checks.gate.timeout=20s", "healthmonitor.checks.gate.cache-ttl=0s"})
class WebFluxApplicationTest {

    private static final String OPERATOR = "operator:operator-password";
    private static final String VIEWER = "viewer:viewer-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @Autowired
    private Gate gate;

    /** A check that, while a test holds it, waits until the test lets it go. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Gate {
        final AtomicReference<@Nullable CountDownLatch> held = new AtomicReference<>();
        final CountDownLatch entered = new CountDownLatch(1);

        @Bean
        HealthCheck gate() {
            return context -> {
                CountDownLatch release = held.get();
                if (release != null) {
                    entered.countDown();
                    release.await(30, TimeUnit.SECONDS);
                }
                return HealthResult.healthy();
            };
        }

        /** An endpoint bean outside the runbook paths, as a MetricsEndpoint would be. */
        @Bean
        Endpoint version() {
            return request -> request.path().equals("/api/v1/version")
                    ? EndpointResponse.of(200, EndpointResponse.JSON, "{\"version\":\"1.4.2\"}".getBytes(StandardCharsets.UTF_8))
                    : null;
        }

        /** Reads a POSTed body to its end, at most 8 MB, and answers with the number of bytes. */
        @Bean
        Endpoint echo() {
            return request -> {
                if (!request.path().equals("/health/echo")) {
                    return null;
                }
                try (InputStream body = request.body()) {
                    byte[] read = body.readNBytes(8 * 1024 * 1024);
                    return EndpointResponse.of(200, "text/plain", String.valueOf(read.length).getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return EndpointResponse.error(400, "body not readable");
                }
            };
        }
    }

    @Test
    void servesTheRunbookEndpointsBesideTheApplicationsRoutes() throws Exception {
        HttpResponse<String> anonymous = send("GET", "/health", null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(JSON.readTree(anonymous.body()).get("status").asString()).isEqualTo("healthy");
        assertThat(JSON.readTree(anonymous.body()).has("checks")).as(anonymous.body()).isFalse();

        HttpResponse<String> refused = send("GET", "/health/detailed", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("warehouses");
        HttpResponse<String> viewer = send("GET", "/health/detailed", VIEWER);
        assertThat(viewer.statusCode()).as("a principal without the role").isEqualTo(403);
        assertThat(viewer.body()).doesNotContain("warehouses");
        assertThat(send("GET", "/health/detailed", "operator:not-the-password").statusCode()).isEqualTo(401);

        HttpResponse<String> detailed = send("GET", "/health/detailed", OPERATOR);
        assertThat(detailed.statusCode()).as(detailed.body()).isEqualTo(200);
        // Only the canonical path, as on every binding (docs/http.md): a path rule for /health/detailed does not match these
        for (String other : new String[] {"/health/detailed/", "/health//detailed", "/health/detailed;x=1", "/health/./detailed"}) {
            HttpResponse<String> answer = send("GET", other, OPERATOR);
            assertThat(answer.statusCode()).as(other).isBetween(400, 499);
            assertThat(answer.body()).as(other).doesNotContain("warehouses");
        }
        assertThat(send("GET", "/health/detailed/", OPERATOR).statusCode()).isEqualTo(404);
        JsonNode inventory = null;
        for (JsonNode check : JSON.readTree(detailed.body()).get("checks")) {
            if (check.get("name").asString().equals("inventory")) {
                inventory = check;
            }
        }
        assertThat(inventory).as(detailed.body()).isNotNull();
        assertThat(inventory.get("details").get("warehouses").asInt()).isEqualTo(3);

        HttpResponse<String> head = send("HEAD", "/health/live", null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(send("GET", "/health/no-such-thing", OPERATOR).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/ping", null).body()).isEqualTo("pong");

        HttpResponse<String> actuator = send("GET", "/actuator/health", null);
        assertThat(actuator.statusCode()).as("Actuator's reactive health, on the monitor").isEqualTo(200);
        assertThat(JSON.readTree(actuator.body()).get("status").asString()).isEqualTo("UP");
    }

    /**
     * Spring Security's entry point answers an anonymous caller on the health paths as on every other
     * path: the application authenticates with HTTP Basic, so the challenge is Basic, never the
     * library's Bearer.
     */
    @Test
    void anAnonymousCallerGetsSpringSecuritysOwnChallenge() throws Exception {
        HttpResponse<String> protectedPath = send("GET", "/orders", null);
        assertThat(protectedPath.statusCode()).isEqualTo(401);
        assertThat(protectedPath.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"Realm\"");

        for (String path : new String[] {"/health/detailed", "/health/history", "/api/v1/health/checks/inventory"}) {
            HttpResponse<String> anonymous = send("GET", path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().allValues("WWW-Authenticate")).as(path).containsExactly("Basic realm=\"Realm\"");
            assertThat(anonymous.body()).as(path).doesNotContain("inventory").doesNotContain("warehouses")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(send("GET", "/health", null).statusCode()).as("after a challenge, the next request is served").isEqualTo(200);
    }

    /**
     * A query with a malformed escape is a 400 on an endpoint bean's path as on the health paths, the
     * same answer. Over a raw socket: java.net.URI refuses such a query.
     */
    @Test
    void aMalformedQueryOnAnEndpointBeansPathIsRefusedAsOnTheHealthPaths() throws Exception {
        assertThat(send("GET", "/api/v1/version", OPERATOR).body()).isEqualTo("{\"version\":\"1.4.2\"}");
        String health = raw("GET /health/detailed?%zz", OPERATOR);
        assertThat(health).startsWith("HTTP/1.1 400 ");
        String body = health.substring(health.indexOf("\r\n\r\n") + 4);
        for (String target : new String[] {"/api/v1/version?%zz", "/api/v1/version?x=%2"}) {
            String answer = raw("GET " + target, OPERATOR);
            assertThat(answer).as(target).startsWith("HTTP/1.1 400 ").endsWith(body).doesNotContain("\tat ");
        }
    }

    /** Sends {@code requestLine} over a raw socket, with HTTP Basic credentials, and reads the whole answer. */
    private String raw(String requestLine, String user) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Basic "
                    + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void anEndpointReadsTheBodyAsAStreamAndOneThatDoesNotLeavesItToTheServer() throws Exception {
        byte[] megabyte = new byte[1_000_000];
        HttpResponse<String> echoed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/echo"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(megabyte)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.body()).isEqualTo("1000000");

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> unread = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100_000])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unread.statusCode()).as("POST on /health").isEqualTo(405);
        }
        assertThat(send("GET", "/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aReportWaitingForASlowCheckDoesNotHoldUpTheEventLoop() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        gate.held.set(release);
        try {
            CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(request("GET", "/health/detailed", OPERATOR),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(gate.entered.await(10, TimeUnit.SECONDS)).as("the report runs the gated check").isTrue();

            // The only event loop serves the application meanwhile.
            HttpResponse<String> ping = send("GET", "/ping", null);
            assertThat(ping.body()).isEqualTo("pong");
            assertThat(send("GET", "/health/live", null).statusCode()).isEqualTo(200);
            assertThat(waiting).as("the report still waits for the check").isNotDone();

            release.countDown();
            assertThat(waiting.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        } finally {
            gate.held.set(null);
            release.countDown();
        }
    }

    private HttpResponse<String> send(String method, String path, @Nullable String user) throws Exception {
        return http.send(request(method, path, user), HttpResponse.BodyHandlers.ofString());
    }

    /** A request, with HTTP Basic credentials when {@code user} ({@code name:password}) is given. */
    private HttpRequest request(String method, String path, @Nullable String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        return request.build();
    }
}
