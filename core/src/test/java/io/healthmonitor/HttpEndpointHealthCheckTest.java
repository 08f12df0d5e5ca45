package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HttpEndpointHealthCheckTest {

    private static final Duration SHORT = Duration.ofMillis(500);
    /**
     * The deadline of the tests that check a failure is reported before it: its margin for
     * reporting is 100 ms (CheckContext.MAX_MARGIN), twice SHORT's, which a loaded machine (load 12
     * on 2 cores) overran.
     */
    private static final Duration DEADLINE = Duration.ofSeconds(1);

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/no-content", exchange -> respond(exchange, 204, null));
        server.createContext("/down", exchange -> respond(exchange, 503, "{\"status\":\"DOWN\"}"));
        server.createContext("/missing", exchange -> respond(exchange, 404, "not here"));
        server.createContext("/degraded-body", exchange -> respond(exchange, 200,
                "{\"checks\":{\"status\":\"UP\"},\"version\":[1,2],\"status\":\"DEGRADED\"}"));
        server.createContext("/not-json", exchange -> respond(exchange, 200, "<html>OK</html>"));
        server.createContext("/no-status", exchange -> respond(exchange, 200, "{\"state\":\"UP\"}"));
        server.createContext("/huge", exchange -> respond(exchange, 200,
                "{\"status\":\"UP\",\"padding\":\"" + "x".repeat(200_000) + "\"}"));
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://admin:hunter2@elsewhere.example/health");
            respond(exchange, 302, null);
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            respond(exchange, 301, null);
        });
        server.createContext("/secured", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            respond(exchange, 500, "failed for " + exchange.getRequestURI());
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await(20, TimeUnit.SECONDS);
                respond(exchange, 200, "late");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void reportsHealthyWithStatusCodeAndResponseTime() throws Exception {
        HealthResult result = HttpEndpointHealthCheck.of(url("/ok")).check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details()).containsEntry("url", url("/ok").toString()).containsEntry("statusCode", 200);
        assertThat(result.details().keySet()).containsExactly("url", "statusCode", "responseTimeMillis");
        assertThat((Long) result.details().get("responseTimeMillis")).isNotNegative();
    }

    @Test
    void reportsUnhealthyServerErrorOn503() throws Exception {
        HealthResult result = HttpEndpointHealthCheck.of(url("/down")).check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo(url("/down") + " answered 503 (server error), expected 2xx");
        assertThat(result.details()).containsEntry("statusCode", 503);
    }

    @Test
    void reportsUnhealthyClientErrorOn404() throws Exception {
        HealthResult result = HttpEndpointHealthCheck.of(url("/missing")).check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("answered 404 (client error), expected 2xx");
    }

    @Test
    void acceptsOnlyTheConfiguredStatusCodes() throws Exception {
        HttpEndpointHealthCheck check = HttpEndpointHealthCheck.builder(url("/ok")).expectedStatus(204, 503).build();
        HealthResult ok = check.check(Checks.context());
        HealthResult down = HttpEndpointHealthCheck.builder(url("/down")).expectedStatus(204, 503).build().check(Checks.context());
        HealthResult noContent = HttpEndpointHealthCheck.builder(url("/no-content")).expectedStatus(204).build().check(Checks.context());

        assertThat(ok.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(ok.message()).endsWith("answered 200, expected 204, 503");
        assertThat(down.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(noContent.status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void passesWhenJsonStatusIsAccepted() throws Exception {
        HealthResult result = HttpEndpointHealthCheck.builder(url("/ok")).jsonStatus("up", "pass").build().check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void failsWhenTopLevelJsonStatusIsNotAccepted() throws Exception {
        HealthResult result = HttpEndpointHealthCheck.builder(url("/degraded-body")).jsonStatus("UP").build().check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("response body of " + url("/degraded-body")
                + " has \"status\": \"DEGRADED\", expected one of [up]");
        assertThat(result.details()).containsEntry("statusCode", 200);
    }

    @Test
    void failsWhenBodyIsNotJsonOrHasNoSuchField() throws Exception {
        HealthResult notJson = HttpEndpointHealthCheck.builder(url("/not-json")).jsonStatus("UP").build().check(Checks.context());
        HealthResult noField = HttpEndpointHealthCheck.builder(url("/no-status")).jsonStatus("UP").build().check(Checks.context());

        assertThat(notJson.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(notJson.message()).contains("is not valid JSON");
        assertThat(noField.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(noField.message()).endsWith("has no top-level \"status\" field");
    }

    @Test
    void checksThatTheBodyContainsAText() throws Exception {
        HealthResult present = HttpEndpointHealthCheck.builder(url("/not-json")).bodyContains("OK").build().check(Checks.context());
        HealthResult absent = HttpEndpointHealthCheck.builder(url("/not-json")).bodyContains("READY").build().check(Checks.context());

        assertThat(present.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(absent.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(absent.message()).endsWith("does not contain \"READY\"");
    }

    @Test
    void failsABodyAssertionOnABodyLargerThanTheLimit() throws Exception {
        HealthResult result = HttpEndpointHealthCheck.builder(url("/huge")).jsonStatus("UP").build().check(Checks.context());
        HealthResult raisedLimit = HttpEndpointHealthCheck.builder(url("/huge")).jsonStatus("UP")
                .maxBodyBytes(1 << 20).build().check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).endsWith("is larger than 65536 bytes");
        assertThat(raisedLimit.status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void ignoresALargeBodyWithoutBodyAssertion() throws Exception {
        HealthResult result = HttpEndpointHealthCheck.builder(url("/huge")).maxBodyBytes(16).build().check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void reportsUnhealthyWithinTheTimeoutWhenTheServerIsSlow() throws Exception {
        HttpEndpointHealthCheck check = HttpEndpointHealthCheck.of(url("/slow"));
        CheckContext context = CheckContext.of("slow", DEADLINE);

        HealthResult result = check.check(context);

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).matches(Pattern.quote("no answer from " + url("/slow") + " within ") + "[89]\\d\\d ms");
        assertThat(context.expired()).as("reported before the deadline").isFalse();
        assertThat(result.details()).containsKeys("url", "responseTimeMillis").doesNotContainKey("statusCode");
    }

    @Test
    void countsTheTimeSendAsyncTookInTheCallersThreadAgainstTheDeadline() throws Exception {
        HttpEndpointHealthCheck check = HttpEndpointHealthCheck.builder(url("/slow"))
                .client(new SlowToSendHttpClient(Duration.ofMillis(300))).build();
        CheckContext context = CheckContext.of("slow", DEADLINE);

        HealthResult result = check.check(context);

        // It used to wait the whole 900 ms after sendAsync returned, and answered 200 ms after its deadline.
        assertThat(context.expired()).as("reported before the deadline").isFalse();
        assertThat(result.message()).matches(Pattern.quote("no answer from " + url("/slow") + " within ") + "[89]\\d\\d ms");
    }

    @Test
    void reportsUnhealthyWhenTheServerIsBlackholed() throws Exception {
        try (ServerSocket blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(blackhole.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI url = URI.create("http://127.0.0.1:" + blackhole.getLocalPort() + "/health");

            try {
                HealthResult result = HttpEndpointHealthCheck.of(url).check(CheckContext.of("blackholed", SHORT));

                assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
                assertThat(result.message()).matches(Pattern.quote("no answer from " + url + " within ") + "4\\d\\d ms");
                assertThat(accepted).isNotEmpty();
            } finally {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void reportsConnectionRefusedOnAClosedPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/health");

        HealthResult result = HttpEndpointHealthCheck.of(url).check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("cannot connect to " + url + ": connection refused");
        assertThat(result.error()).isNotNull();
    }

    @Test
    void reportsAnUnknownHostAsSuchNotAsARefusedConnection() throws Exception {
        // .invalid never resolves (RFC 6761); the JDK client wraps the failed lookup in a ConnectException
        URI url = URI.create("http://monitor:s3cret@no-such-host.invalid/health");

        HealthResult result = HttpEndpointHealthCheck.of(url).check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message())
                .isEqualTo("cannot connect to http://***@no-such-host.invalid/health: unknown host no-such-host.invalid");
    }

    @Test
    void reportsAnUnexpectedRedirectWithItsMaskedLocation() throws Exception {
        HealthResult result = HttpEndpointHealthCheck.of(url("/redirect")).check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo(url("/redirect")
                + " redirected (302) to http://***@elsewhere.example/health, expected 2xx");
        assertThat(result.details()).containsEntry("location", "http://***@elsewhere.example/health");
        assertThat(result.toString()).doesNotContain("hunter2");
    }

    @Test
    void acceptsAnExpectedRedirectOrFollowsItWhenAsked() throws Exception {
        HealthResult expected = HttpEndpointHealthCheck.builder(url("/moved")).expectedStatus(301).build().check(Checks.context());
        HealthResult followed = HttpEndpointHealthCheck.builder(url("/moved")).followRedirects(true).build().check(Checks.context());

        assertThat(expected.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(followed.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(followed.details()).containsEntry("statusCode", 200);
    }

    @Test
    void sendsUserInfoAsBasicAuthenticationAndNeverShowsIt() throws Exception {
        URI url = URI.create("http://monitor:s3cr%40t@127.0.0.1:" + server.getAddress().getPort() + "/secured?x=1");

        HealthResult result = HttpEndpointHealthCheck.of(url).check(Checks.context());

        assertThat(authorizations).containsExactly("Basic "
                + java.util.Base64.getEncoder().encodeToString("monitor:s3cr@t".getBytes(StandardCharsets.UTF_8)));
        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        String masked = "http://***@127.0.0.1:" + server.getAddress().getPort() + "/secured?x=1";
        assertThat(result.message()).isEqualTo(masked + " answered 500 (server error), expected 2xx");
        assertThat(result.details()).containsEntry("url", masked);
        assertThat(result.message() + result.details()).doesNotContain("s3cr").doesNotContain("monitor:");
    }

    @Test
    void sendsUserInfoWithoutAPasswordAsAUserIdAndAnEmptyPassword() throws Exception {
        // RFC 7617: user-pass = user-id ":" password; a token without the colon is rejected by strict servers.
        URI url = URI.create("http://t0ken@127.0.0.1:" + server.getAddress().getPort() + "/secured");

        HttpEndpointHealthCheck.of(url).check(Checks.context());

        assertThat(authorizations).containsExactly("Basic "
                + java.util.Base64.getEncoder().encodeToString("t0ken:".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void masksCredentialsWhenTheConnectionFails() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://user:topsecret@127.0.0.1:" + port + "/health?token=abc123");

        HealthResult result = HttpEndpointHealthCheck.of(url).check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        String text = result.message() + result.details();
        assertThat(text).contains("http://***@127.0.0.1:" + port + "/health?token=***")
                .doesNotContain("topsecret").doesNotContain("abc123");
    }

    @Test
    void usesTheUsersClientAndLeavesItUsable() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        HealthResult followed = HttpEndpointHealthCheck.builder(url("/moved")).client(client).build().check(Checks.context());
        HealthResult again = HttpEndpointHealthCheck.builder(url("/ok")).client(client).build().check(Checks.context());

        assertThat(followed.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(again.status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void cancelsTheRequestAndRethrowsWhenInterrupted() {
        HttpEndpointHealthCheck check = HttpEndpointHealthCheck.of(url("/slow"));

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> check.check(Checks.context())).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void servesConcurrentCallersWithOneLazilyBuiltClient() throws Exception {
        HttpEndpointHealthCheck check = HttpEndpointHealthCheck.builder(url("/ok")).jsonStatus("UP").build();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<HealthResult>> results = callers.invokeAll(
                    java.util.Collections.nCopies(16, () -> check.check(Checks.context())));
            for (java.util.concurrent.Future<HealthResult> result : results) {
                assertThat(result.get().status()).isEqualTo(HealthStatus.HEALTHY);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void runsInsideTheMonitor() {
        try (HealthMonitor monitor = HealthMonitor.builder()
                .register("downstream", HttpEndpointHealthCheck.of(url("/down")))
                .build()) {
            HealthReport report = monitor.report();

            assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(report.check("downstream")).hasValueSatisfying(result -> {
                assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
                assertThat(result.details()).containsEntry("statusCode", 503);
            });
        }
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(URI.create("ftp://host/x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(URI.create("/relative")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(url("/ok")).expectedStatus(99))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(url("/ok")).expectedStatus())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(url("/ok")).maxBodyBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBodyBytes must be > 0");
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(url("/ok"))
                .client(HttpClient.newHttpClient()).followRedirects(true).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpEndpointHealthCheck.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("url");
    }

    @Test
    void docsNameEveryOptionAndDetailKey() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "checks-core.md"));
        assertThat(java.util.Arrays.stream(HttpEndpointHealthCheck.Builder.class.getDeclaredMethods())
                .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()) && !m.getName().equals("build"))
                .map(m -> "`" + m.getName() + "("))
                .isNotEmpty()
                .allSatisfy(option -> assertThat(doc).contains(option));
        assertThat(java.util.List.of("url", "statusCode", "responseTimeMillis", "location")).isNotEmpty()
                .allSatisfy(key -> assertThat(doc).contains("| `" + key + "` |"));
    }
}
