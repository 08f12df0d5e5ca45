package io.healthmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The router over real HTTP on the JDK server: base path, aliases, metrics, and the rules every answer follows. */
class EndpointsTest {

    private static final String TOKEN = "metrics-scrape-token-0123456789";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer server;
    private HealthMonitor monitor;

    private String start(Endpoints.Builder endpoints) throws Exception {
        server = JdkHttpHandler.createServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        JdkHttpHandler.of(endpoints.build()).mount(server);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private HealthEndpoints health() throws InterruptedException {
        monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("db", ctx -> HealthResult.healthy()).tags(CheckRegistration.READINESS).build())
                .build();
        assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
        return HealthEndpoints.builder(monitor).kubernetesAliases(true).build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (monitor != null) {
            monitor.close();
        }
    }

    private HttpResponse<String> send(String method, String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesAQueryWithAMalformedEscapeBeforeAnyEndpointReadsIt() throws Exception {
        Endpoints endpoints = Endpoints.builder().endpoint(health()).build();
        // java.net.URI refuses such a query, so the request is built as a binding builds it from the raw query
        EndpointResponse malformed = endpoints.handle(EndpointRequest.builder("GET", "/health").rawQuery("format=%zz").build());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(new String(malformed.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("malformed query");
        assertThat(endpoints.handle(EndpointRequest.builder("GET", "/health").rawQuery("format=%69etf").build()).status())
                .isEqualTo(200);
        assertThat(endpoints.handle(EndpointRequest.builder("GET", "/health").rawQuery("x=%").build()).status()).isEqualTo(400);
    }

    @Test
    void servesWhatAnEndpointAnswersAndNothingElseForBindingsThatPassTheRestOn() throws Exception {
        Endpoints endpoints = Endpoints.builder().basePath("/manage").endpoint(health()).endpoint(request -> {
            if (request.path().equals("/broken")) {
                throw new IllegalStateException("a bug");
            }
            return null;
        }).build();
        EndpointResponse served = endpoints.serve(EndpointRequest.builder("GET", "/manage/health").build());
        assertThat(served).isNotNull();
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.headers()).containsEntry("Cache-Control", "no-store");
        assertThat(endpoints.serve(EndpointRequest.builder("GET", "/manage/broken").build()).status())
                .as("an endpoint that fails took the request").isEqualTo(500);
        for (EndpointRequest unserved : new EndpointRequest[] {EndpointRequest.builder("GET", "/manage/orders").build(),
                EndpointRequest.builder("GET", "/orders").build(),
                EndpointRequest.builder("GET", "/manage/orders").rawQuery("x=%zz").build()}) {
            assertThat(endpoints.serve(unserved)).as(unserved.path() + "?" + unserved.rawQuery()).isNull();
            assertThat(endpoints.handle(unserved).status()).isIn(400, 404);
        }
    }

    @Test
    void refusesAMalformedQueryOnTheEndpointsPathsAndPassesItOnElsewhereWithoutAnEndpointSeeingIt() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Endpoints endpoints = Endpoints.builder().basePath("/manage").endpoint(health()).endpoint(request -> {
            seen.add(request.method() + " " + request.path() + " ? " + request.rawQuery());
            return request.path().equals("/orders/cancel") ? EndpointResponse.of(200, "text/plain", new byte[0]) : null;
        }).build();

        for (String path : new String[] {"/manage/health", "/manage/health/detailed", "/manage/orders/cancel"}) {
            EndpointRequest malformed = EndpointRequest.builder("POST", path).rawQuery("reason=%zz").build();
            EndpointResponse served = endpoints.serve(malformed);
            assertThat(served).as(path).isNotNull();
            assertThat(served.status()).as(path).isEqualTo(400);
            assertThat(served.body()).as(path).isEqualTo(endpoints.handle(malformed).body());
            assertThat(served.headers()).as(path).containsEntry("Cache-Control", "no-store");
        }
        assertThat(endpoints.serve(EndpointRequest.builder("GET", "/manage/orders").rawQuery("x=%zz").build()))
                .as("not an endpoint's path: the application answers it").isNull();
        assertThat(seen).as("asked with a safe stand-in, never with the query").allMatch(line -> line.startsWith("OPTIONS ")
                && line.endsWith(" ? null")).contains("OPTIONS /orders/cancel ? null");
    }

    @Test
    void servesEverythingUnderTheBasePathAndNothingOutsideIt() throws Exception {
        String base = start(Endpoints.builder().basePath("/manage/").endpoint(health()));
        assertThat(send("GET", base + "/manage/health").body()).isEqualTo("{\"status\":\"healthy\"}");
        assertThat(send("GET", base + "/manage/health/ready").statusCode()).isEqualTo(200);
        assertThat(send("GET", base + "/manage/readyz").statusCode()).isEqualTo(200);
        assertThat(send("GET", base + "/health").statusCode()).isEqualTo(404);
        assertThat(send("GET", base + "/managed/health").statusCode()).isEqualTo(404);
    }

    /**
     * The router routes canonical paths only, for every binding alike: another spelling gets 404
     * from {@code handle} and null from {@code serve} (the application answers it), and no endpoint
     * sees it, even one that would take it.
     */
    @Test
    void routesOnlyCanonicalPathsSoThatNoOtherSpellingReachesAnEndpoint() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Endpoints endpoints = Endpoints.builder().basePath("/manage").endpoint(health()).endpoint(request -> {
            seen.add(request.path());
            return request.path().startsWith("/echo") ? EndpointResponse.of(200, "text/plain", new byte[0]) : null;
        }).build();
        assertThat(endpoints.handle(EndpointRequest.builder("GET", "/manage/health/ready").build()).status()).isEqualTo(200);
        assertThat(endpoints.handle(EndpointRequest.builder("GET", "/manage/echo/a%2Fb").build()).status()).isEqualTo(200);
        seen.clear();
        for (String path : new String[] {"/manage/health/ready/", "/manage/", "/manage/health;x=1", "/manage;x=1/health",
                "/manage/health//ready", "/manage//health", "//manage/health", "/manage/./health", "/manage/health/.",
                "/manage/x/../health", "/manage/%2e%2E/manage/health", "/manage/echo/", "/manage/echo/.", "/manage/echo/%2e",
                "/manage/echo;x", "manage/echo", ""}) {
            EndpointRequest request = EndpointRequest.builder("GET", path).build();
            assertThat(endpoints.serve(request)).as(path).isNull();
            assertThat(endpoints.handle(request).status()).as(path).isEqualTo(404);
        }
        assertThat(seen).as("no endpoint was asked").isEmpty();
        assertThat(endpoints.handle(EndpointRequest.builder("GET", "/manage/echo/..x").build()).status())
                .as("a segment of dots and more is a name").isEqualTo(200);
    }

    @Test
    void servesTheKubernetesAliasesOnlyWhenAsked() throws Exception {
        String base = start(Endpoints.builder().endpoint(health()));
        for (String alias : new String[] {"/livez", "/readyz", "/startupz"}) {
            assertThat(send("GET", base + alias).statusCode()).as(alias).isEqualTo(200);
        }
        server.stop(0);
        base = start(Endpoints.builder().endpoint(HealthEndpoints.builder(monitor).build()));
        assertThat(send("GET", base + "/readyz").statusCode()).isEqualTo(404);
    }

    @Test
    void answersEveryPathWithTheDocumentedHeadersUnknownOnesIncluded() throws Exception {
        String base = start(Endpoints.builder().endpoint(health()));
        for (String path : new String[] {"/health", "/nothing-here", "/", "/health/nope", "/api/v1/health/checks/db"}) {
            HttpResponse<String> response = send("GET", base + path);
            assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
        HttpResponse<String> unknown = send("GET", base + "/nothing-here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"not found\"}");
    }

    @Test
    void answers500WithoutDetailWhenAnEndpointFails() throws Exception {
        String base = start(Endpoints.builder().endpoint(request -> {
            throw new IllegalStateException("secret internals at db://user:pw@host");
        }));
        HttpResponse<String> response = send("GET", base + "/anything");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"error\":\"internal error\"}");
    }

    @Test
    void servesTheMetricsScrapeOnlyToWhomItsAuthorizerGrants() throws Exception {
        String scrape = "# TYPE credlink_health_status gauge\ncredlink_health_status 0.0\n";
        String base = start(Endpoints.builder().basePath("/manage")
                .endpoint(MetricsEndpoint.of(() -> scrape, Authorizer.bearerToken(TOKEN))));

        HttpResponse<String> anonymous = send("GET", base + "/manage/metrics");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"health\"");
        assertThat(send("GET", base + "/manage/metrics", "Authorization", "Bearer wrong-token-000000000000").statusCode())
                .isEqualTo(403);

        HttpResponse<String> scraped = send("GET", base + "/manage/metrics", "Authorization", "Bearer " + TOKEN);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).isEqualTo(scrape);
        assertThat(scraped.headers().firstValue("Content-Type")).hasValue(MetricsEndpoint.CONTENT_TYPE);
        assertThat(scraped.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> posted = send("POST", base + "/manage/metrics", "Authorization", "Bearer " + TOKEN);
        assertThat(posted.statusCode()).isEqualTo(405);
        assertThat(posted.headers().firstValue("Allow")).hasValue("GET, HEAD");
        HttpResponse<String> head = send("HEAD", base + "/manage/metrics", "Authorization", "Bearer " + TOKEN);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void answersWithTheLibrarysChallengeWhereTheServerHasNoAuthenticationToChallengeWith() throws Exception {
        Authorizer serverChallenges = request -> Authorizer.Decision.CHALLENGE_BY_SERVER;
        EndpointResponse refused = EndpointResponse.refused(Authorizer.Decision.CHALLENGE_BY_SERVER);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.challengedByServer()).isTrue();
        assertThat(EndpointResponse.refused(Authorizer.Decision.UNAUTHENTICATED).challengedByServer()).isFalse();
        assertThatThrownBy(() -> EndpointResponse.refused(Authorizer.Decision.GRANTED)).isInstanceOf(IllegalArgumentException.class);

        String base = start(Endpoints.builder().endpoint(health()).endpoint(MetricsEndpoint.of(() -> "", serverChallenges)));
        HttpResponse<String> metrics = send("GET", base + "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(401);
        assertThat(metrics.headers().allValues("WWW-Authenticate")).as("the JDK's server authenticates before a handler, never after")
                .containsExactly("Bearer realm=\"health\"");
        assertThat(metrics.body()).isEqualTo("{\"error\":\"authentication required for metrics\"}");
    }

    @Test
    void explainsAMissingOrWeakBearerTokenWithoutShowingIt() {
        assertThatThrownBy(() -> Authorizer.bearerToken(System.getenv("HEALTH_TOKEN_THAT_IS_NOT_SET")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the token for Authorizer.bearerToken is missing (null)").hasMessageContaining("environment variable");
        assertThatThrownBy(() -> Authorizer.bearerToken("short secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the token must be at least 16 visible ASCII characters (! to ~, no white space), was 12 characters");
        // Found by a user test: curl sent this one in UTF-8 and got 403; only a client sending ISO-8859-1 matched.
        assertThatThrownBy(() -> Authorizer.bearerToken("pässwörd-äöü-12345"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visible ASCII").hasMessageNotContaining("pä");
        // Printed redacted, they read as written ("the bearer *** must be ..." before).
        for (String token : new String[] {null, "short secret"}) {
            assertThatThrownBy(() -> Authorizer.bearerToken(token))
                    .satisfies(e -> assertThat(io.healthmonitor.Redactor.redact(e.getMessage())).isEqualTo(e.getMessage()));
        }
    }

    @Test
    void rejectsABasePathThatIsNotAPath() {
        assertThatThrownBy(() -> Endpoints.builder().basePath("manage")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoints.builder().basePath("/a b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Endpoints.builder().basePath("/").build().basePath()).isEmpty();
    }
}
