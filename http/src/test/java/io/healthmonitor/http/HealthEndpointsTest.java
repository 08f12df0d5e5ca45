package io.healthmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthEndpointsTest {

    private static final String TOKEN = "s3cr3t-token-0123456789";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<HealthResult> database = new AtomicReference<>(HealthResult.healthy());
    private final ExecutorService serverThreads = Executors.newFixedThreadPool(4);
    private HttpServer server;
    private HealthMonitor monitor;

    private String start(Authorizer authorizer) throws IOException {
        monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("database", ctx -> database.get())
                        .tags(CheckRegistration.READINESS, "storage").schedule(io.healthmonitor.Schedule.onDemand(Duration.ZERO))
                        .build())
                .register(CheckRegistration.builder("cache", ctx -> HealthResult.degraded("evicting")
                                .withDetail("latencyMillis", 12).withDetail("url", "redis://:hunter2@cache:6379"))
                        .critical(false).tags(CheckRegistration.LIVENESS).build())
                .build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        JdkHttpHandler.of(Endpoints.of(HealthEndpoints.builder(monitor).authorizer(authorizer).build())).mount(server);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (monitor != null) {
            monitor.close();
        }
        serverThreads.shutdownNow();
    }

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersNotReadyUntilEveryCheckHasAFirstResultWhileLivenessIsUnaffected() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("cold-pool", ctx -> release.await(30, java.util.concurrent.TimeUnit.SECONDS)
                                ? HealthResult.healthy() : HealthResult.unhealthy("never released"))
                        .timeout(Duration.ofMillis(50)).startupTimeout(Duration.ofSeconds(30)).critical(false)
                        .tags(CheckRegistration.READINESS, CheckRegistration.STARTUP).build())
                .register(CheckRegistration.builder("deadlocks", ctx -> HealthResult.healthy())
                        .tags(CheckRegistration.LIVENESS).build())
                .build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        JdkHttpHandler.of(Endpoints.of(HealthEndpoints.builder(monitor).authorizer(Authorizer.always()).build())).mount(server);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        assertThat(get(base + "/health/ready").statusCode()).isEqualTo(503);
        assertThat(get(base + "/health/started").statusCode()).isEqualTo(503);
        assertThat(get(base + "/health").statusCode()).as("a non-critical check, but not ready").isEqualTo(503);
        HttpResponse<String> live = get(base + "/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("{\"status\":\"healthy\",\"checks\":{\"deadlocks\":\"healthy\"}}");
        JsonNode detailed = MAPPER.readTree(get(base + "/health/detailed").body());
        assertThat(detailed.get("checks").get(0).get("message").asText()).isEqualTo("not yet checked");
        assertThat(detailed.get("checks").get(0).get("checked").asBoolean()).isFalse();

        release.countDown();
        assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
        assertThat(get(base + "/health/ready").statusCode()).isEqualTo(200);
        assertThat(get(base + "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void answersASummaryOnlyToAnonymousCallers() throws Exception {
        String base = start(Authorizer.never());
        HttpResponse<String> response = get(base + "/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"degraded\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void answers503WhenUnhealthySoThatCurlFailFails() throws Exception {
        String base = start(Authorizer.never());
        database.set(HealthResult.unhealthy("connection refused"));
        HttpResponse<String> response = get(base + "/health");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"status\":\"unhealthy\"}");
    }

    @Test
    void refusesDetailsWithoutTheBearerTokenAndServesThemWithIt() throws Exception {
        String base = start(Authorizer.bearerToken(TOKEN));
        HttpResponse<String> anonymous = get(base + "/health/detailed");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"health\"");
        assertThat(anonymous.body()).isEqualTo("{\"error\":\"authentication required for details\"}");

        HttpResponse<String> wrong = get(base + "/health/detailed", "Authorization", "Bearer wrong-token-0123456789");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("database");

        HttpResponse<String> authorized = get(base + "/health/detailed", "Authorization", "Bearer " + TOKEN);
        assertThat(authorized.statusCode()).isEqualTo(200);
        JsonNode json = MAPPER.readTree(authorized.body());
        assertThat(json.get("overallStatus").asText()).isEqualTo("degraded");
        assertThat(json.get("checks")).hasSize(2);
    }

    @Test
    void servesTheDetailedReportInTheDocumentedShape() throws Exception {
        String base = start(Authorizer.loopbackOnly());
        JsonNode json = MAPPER.readTree(get(base + "/health/detailed").body());
        assertThat(json.fieldNames()).toIterable().containsExactly("overallStatus", "timestamp", "duration", "checks");
        JsonNode db = json.get("checks").get(0);
        assertThat(db.fieldNames()).toIterable()
                .containsExactly("name", "status", "critical", "responseTime", "timestamp", "tags");
        assertThat(db.get("name").asText()).isEqualTo("database");
        assertThat(db.get("status").asText()).isEqualTo("healthy");
        assertThat(db.get("critical").asBoolean()).isTrue();
        assertThat(db.get("responseTime").isNumber()).isTrue();
        assertThat(db.get("tags")).extracting(JsonNode::asText).containsExactly("readiness", "storage");
        JsonNode cache = json.get("checks").get(1);
        assertThat(cache.get("message").asText()).isEqualTo("evicting");
        assertThat(cache.get("details").get("latencyMillis").asInt()).isEqualTo(12);
        assertThat(cache.get("details").get("url").asText()).isEqualTo("redis://***@cache:6379");
    }

    @Test
    void neverSendsAStackTraceOrACredential() throws Exception {
        String base = start(Authorizer.always());
        database.set(HealthResult.unhealthy(new IllegalStateException("login failed for postgres://app:hunter2@db/app")));
        String body = get(base + "/health/detailed").body();
        assertThat(body).doesNotContain("hunter2").doesNotContain(".java:").doesNotContain("\tat ");
        assertThat(MAPPER.readTree(body).get("checks").get(0).get("error").asText())
                .isEqualTo("java.lang.IllegalStateException: login failed for postgres://***@db/app");
    }

    @Test
    void servesGroupsAndHidesWhichGroupsExistFromAnonymousCallers() throws Exception {
        String base = start(Authorizer.never());
        database.set(HealthResult.unhealthy("down"));
        assertThat(get(base + "/health/ready").statusCode()).isEqualTo(503);
        assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
        assertThat(get(base + "/health/started").body()).isEqualTo("{\"status\":\"healthy\"}");
        assertThat(get(base + "/health/group/storage").statusCode()).isEqualTo(503);
        database.set(HealthResult.healthy());
        HttpResponse<String> known = get(base + "/health/group/storage");
        HttpResponse<String> unknown = get(base + "/health/group/nope");
        assertThat(unknown.statusCode()).as("like an empty group").isEqualTo(known.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).isEqualTo(known.body()).isEqualTo("{\"status\":\"healthy\"}");
    }

    @Test
    void answers404ForAnUnknownGroupToAuthorizedCallers() throws Exception {
        String base = start(Authorizer.always());
        HttpResponse<String> unknown = get(base + "/health/group/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"no such group\"}");
    }

    @Test
    void servesOneCheckToAuthorizedCallers() throws Exception {
        String base = start(Authorizer.always());
        HttpResponse<String> response = get(base + "/api/v1/health/checks/cache");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(response.body()).get("status").asText()).isEqualTo("degraded");
        database.set(HealthResult.unhealthy("down"));
        assertThat(get(base + "/api/v1/health/checks/database").statusCode()).isEqualTo(503);
        assertThat(get(base + "/api/v1/health/checks/absent").statusCode()).isEqualTo(404);
        assertThat(get(base + "/api/v1/health/checks/..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesOneCheckToAnonymousCallers() throws Exception {
        String base = start(Authorizer.never());
        HttpResponse<String> response = get(base + "/api/v1/health/checks/cache");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("evicting");
    }

    @Test
    void answersHeadWithTheStatusAndNoBody() throws Exception {
        String base = start(Authorizer.never());
        database.set(HealthResult.unhealthy("down"));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void refusesOtherMethodsAndUnservableMediaTypes() throws Exception {
        String base = start(Authorizer.never());
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(get(base + "/health", "Accept", "text/html").statusCode()).isEqualTo(406);
        assertThat(get(base + "/health", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8").statusCode()).isEqualTo(200);
        assertThat(get(base + "/nothing/here").statusCode()).isEqualTo(404);
    }

    @Test
    void servesTheIetfFormatByAcceptHeaderOrQuery() throws Exception {
        String base = start(Authorizer.always());
        HttpResponse<String> byAccept = get(base + "/health/detailed", "Accept", "application/health+json");
        assertThat(byAccept.headers().firstValue("Content-Type")).hasValue("application/health+json");
        JsonNode json = MAPPER.readTree(byAccept.body());
        assertThat(json.get("status").asText()).isEqualTo("warn");
        JsonNode latency = json.get("checks").get("cache:latency").get(0);
        assertThat(latency.get("observedValue").asInt()).isEqualTo(12);
        assertThat(latency.get("observedUnit").asText()).isEqualTo("ms");
        assertThat(latency.get("status").asText()).isEqualTo("warn");
        assertThat(latency.get("output").asText()).isEqualTo("evicting");
        assertThat(json.get("checks").get("database:responseTime").get(0).get("status").asText()).isEqualTo("pass");

        database.set(HealthResult.unhealthy("down"));
        HttpResponse<String> byQuery = get(base + "/health?format=ietf");
        assertThat(byQuery.statusCode()).isEqualTo(503);
        assertThat(MAPPER.readTree(byQuery.body()).get("status").asText()).isEqualTo("fail");
        // Decoded like every parameter (a user test: %69etf was not taken as ietf)
        assertThat(MAPPER.readTree(get(base + "/health?format=%69etf").body()).get("status").asText()).isEqualTo("fail");

    }

    @Test
    void namesChecksInTheSummaryOnlyForAuthorizedCallers() throws Exception {
        String base = start(Authorizer.always());
        assertThat(get(base + "/health").body())
                .isEqualTo("{\"status\":\"degraded\",\"checks\":{\"database\":\"healthy\",\"cache\":\"degraded\"}}");
    }

    @Test
    void servesConcurrentRequestsWhileACheckHangsUntilItsDeadline() throws Exception {
        monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("hung", ctx -> {
                    new java.util.concurrent.CountDownLatch(1).await();
                    return HealthResult.healthy();
                }).timeout(Duration.ofMillis(300)).build())
                .build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        JdkHttpHandler.of(Endpoints.of(HealthEndpoints.builder(monitor).build())).mount(server);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
        var responses = new java.util.ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < 8; i++) {
            responses.add(client.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (var response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(503);
        }
    }

    @Test
    void mapsStatusesToHttpCodes() {
        assertThat(HealthEndpoints.statusCode(HealthStatus.HEALTHY)).isEqualTo(200);
        assertThat(HealthEndpoints.statusCode(HealthStatus.DEGRADED)).isEqualTo(200);
        assertThat(HealthEndpoints.statusCode(HealthStatus.UNHEALTHY)).isEqualTo(503);
    }
}
