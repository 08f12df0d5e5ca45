package io.healthmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.Schedule;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EndpointServlet} in a real servlet container over real HTTP: what the JDK binding's tests
 * prove for the router, through the container's request and response. One subclass per container.
 */
abstract class EndpointServletContract {

    private static final String TOKEN = "servlet-contract-token-0123456789";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<HealthResult> database = new AtomicReference<>(HealthResult.healthy());
    private HealthMonitor monitor;

    /**
     * Starts the container with one web application at {@code contextPath} set up by {@code initializer},
     * listening on the loopback interface.
     *
     * @return the port
     */
    abstract int start(String contextPath, ServletContainerInitializer initializer) throws Exception;

    /** Stops the container started last; does nothing when none was. */
    abstract void stopContainer() throws Exception;

    @AfterEach
    void stop() throws Exception {
        stopContainer();
        if (monitor != null) {
            monitor.close();
        }
    }

    private HealthMonitor monitor() throws InterruptedException {
        monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("database", ctx -> database.get())
                        .tags(CheckRegistration.READINESS, "storage").schedule(Schedule.onDemand(Duration.ZERO)).build())
                .register(CheckRegistration.builder("deadlocks", ctx -> HealthResult.healthy())
                        .tags(CheckRegistration.LIVENESS).build())
                .build();
        assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
        return monitor;
    }

    /** Mounts {@code endpoints} as the docs say, under context path /app, and returns the URL of the context. */
    private String serve(Endpoints endpoints) throws Exception {
        int port = start("/app", (classes, context) -> {
            EndpointServlet servlet = new EndpointServlet(endpoints);
            context.addServlet("health", servlet).addMapping(servlet.urlPattern());
        });
        return "http://127.0.0.1:" + port + "/app";
    }

    private Endpoints manage(Authorizer authorizer) throws InterruptedException {
        return Endpoints.builder().basePath("/manage")
                .endpoint(HealthEndpoints.builder(monitor()).authorizer(authorizer).kubernetesAliases(true).build())
                .endpoint(MetricsEndpoint.of(() -> "credlink_health_status 0.0\n", authorizer))
                .endpoint(request -> {
                    if (!request.path().startsWith("/echo")) {
                        return null;
                    }
                    try {
                        String echo = request.method() + " " + request.path() + " ? " + request.rawQuery()
                                + " from " + request.remoteAddress().getHostAddress() + " x-probe=" + request.header("x-PROBE")
                                + " length " + request.contentLength() + ": "
                                + new String(request.body().readNBytes(1024), StandardCharsets.UTF_8);
                        return EndpointResponse.of(200, "text/plain; charset=utf-8", echo.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .build();
    }

    private HttpResponse<String> send(String method, String url, String... headers) throws Exception {
        return send(method, url, HttpRequest.BodyPublishers.noBody(), headers);
    }

    private HttpResponse<String> send(String method, String url, HttpRequest.BodyPublisher body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).method(method, body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The Content-Type without white space: containers may drop the optional spaces around {@code ;}. */
    private static String mediaType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").replace(" ", "");
    }

    /** The application's own servlet: it reads a form parameter, which needs the body unread. */
    private static final class Application extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("application: " + request.getMethod() + " item=" + request.getParameter("item"));
        }
    }

    /**
     * A filter in front of the application's own servlet, as the Spring Boot starter mounts the
     * router: what an endpoint answers is answered, anything else reaches the application as it
     * came, its form body unread by the router.
     */
    @Test
    void servesOnlyWhatAnEndpointAnswersAndPassesTheRestOnWithItsBodyUnread() throws Exception {
        EndpointServlet router = new EndpointServlet(manage(Authorizer.bearerToken(TOKEN)));
        int port = start("/app", (classes, context) -> {
            context.addFilter("health", (Filter) (request, response, chain) -> {
                if (!router.serveIfAnswered((HttpServletRequest) request, (HttpServletResponse) response)) {
                    chain.doFilter(request, response);
                }
            }).addMappingForUrlPatterns(null, false, "/*");
            context.addServlet("application", new Application()).addMapping("/*");
        });
        String app = "http://127.0.0.1:" + port + "/app";

        assertThat(send("GET", app + "/manage/health").body()).isEqualTo("{\"status\":\"healthy\"}");
        HttpResponse<String> echo = send("POST", app + "/manage/echo", HttpRequest.BodyPublishers.ofString("ping"));
        assertThat(echo.body()).endsWith("length 4: ping");
        assertThat(echo.headers().firstValue("Cache-Control")).hasValue("no-store");
        HttpResponse<String> form = send("POST", app + "/manage/orders", HttpRequest.BodyPublishers.ofString("item=7"),
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).isEqualTo("application: POST item=7");
        assertThat(form.headers().firstValue("Cache-Control")).as("the router's headers stay off a request it did not take").isEmpty();
        assertThat(send("GET", app + "/elsewhere").body()).isEqualTo("application: GET item=null");
    }

    /**
     * A query the router cannot read, on the paths of its endpoints, gets the router's 400 from the
     * filter too (not the application's answer); elsewhere it still reaches the application. Sent
     * over a raw socket: java.net.URI refuses such a query.
     */
    @Test
    void refusesAMalformedQueryOnTheEndpointsPathsInFrontOfAnApplication() throws Exception {
        EndpointServlet router = new EndpointServlet(manage(Authorizer.bearerToken(TOKEN)));
        int port = start("/app", (classes, context) -> {
            context.addFilter("health", (Filter) (request, response, chain) -> {
                if (!router.serveIfAnswered((HttpServletRequest) request, (HttpServletResponse) response)) {
                    chain.doFilter(request, response);
                }
            }).addMappingForUrlPatterns(null, false, "/*");
            context.addServlet("application", new Application()).addMapping("/*");
        });

        for (String target : new String[] {"/app/manage/metrics?%zz", "/app/manage/echo/x?q=%2", "/app/manage/health?format=%"}) {
            String answer = raw(port, "GET " + target);
            assertThat(answer).as(target).startsWith("HTTP/1.1 400 ").contains("{\"error\":\"malformed query: a % is not followed by two hex digits\"}");
            assertThat(answer.toLowerCase(Locale.ROOT)).as(target).contains("cache-control: no-store");
        }
        String elsewhere = raw(port, "GET /app/manage/orders?%zz");
        assertThat(elsewhere).as("the application's own path").doesNotContain("malformed query")
                .doesNotContainIgnoringCase("x-content-type-options");
    }

    /** Sends {@code requestLine} over a raw socket and reads the whole answer. */
    private static String raw(int port, String requestLine) throws IOException {
        return raw(port, requestLine, "");
    }

    /** Sends {@code requestLine} and {@code headers} (each ending with CRLF) over a raw socket and reads the whole answer. */
    private static String raw(int port, String requestLine, String headers) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Hostile requests to the health paths, refused by the container before the router runs or by
     * the router: a 4xx without a stack trace, the server's version, a check's name or the token.
     * Embedded Tomcat's default error report showed the parser's stack trace and "Apache
     * Tomcat/11.0.27" for too many headers; its subclass sets up the error report as docs/http.md says.
     */
    @Test
    void answersHostileRequestsWith4xxAndNoStackTraceOrDetail() throws Exception {
        String app = serve(manage(Authorizer.bearerToken(TOKEN)));
        int port = URI.create(app).getPort();
        StringBuilder manyHeaders = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            manyHeaders.append("X-Header-").append(i).append(": v\r\n");
        }
        String[][] requests = {
                {"GET /app/manage/health/detailed", manyHeaders.toString()},
                {"GET /app/manage/health/detailed", "Authorization: Bearer " + TOKEN + "A".repeat(70_000) + "\r\n"},
                {"GET /app/manage/health/detailed", "Authorization: Bearer " + "x".repeat(7_000) + "\r\n"},
                {"GET /app/manage/health/detailed", "Authorization: Bearer wrong-token-0123456789\r\n"},
                {"GET /app/manage/health/detailed", "Authorization: Basic " + TOKEN + "\r\n"},
                {"GET /app/manage/health/detailed?" + "a=1&".repeat(20_000), "Authorization: Bearer " + TOKEN + "\r\n"},
                {"GET /app/manage/health%2Fdetailed", "Authorization: Bearer " + TOKEN + "\r\n"},
                {"GET /app/manage/health/detailed#fragment", ""},
                {"GET /app/manage/health/../health/detailed", ""},
                {"GET /app/manage/health/detailed;jsessionid=1", ""},
                {"TRACE /app/manage/health/detailed", "Authorization: Bearer " + TOKEN + "\r\n"},
        };
        for (String[] request : requests) {
            String answer = raw(port, request[0], request[1]);
            String description = request[0].substring(0, Math.min(60, request[0].length())) + " with " + request[1].length() + " characters of headers";
            assertThat(answer).as(description).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
            String body = answer.substring(Math.max(0, answer.indexOf("\r\n\r\n")));
            assertThat(body).as(description).doesNotContain("\tat ", ".java:", "Exception", "Tomcat/", "Jetty(", "database", TOKEN);
        }
    }

    @Test
    void servesTheHealthEndpointsWithTheirStatusCodesBodiesAndHeaders() throws Exception {
        String app = serve(manage(Authorizer.bearerToken(TOKEN)));

        HttpResponse<String> healthy = send("GET", app + "/manage/health");
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(healthy.body()).isEqualTo("{\"status\":\"healthy\"}");
        assertThat(healthy.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(healthy.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(healthy.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(healthy.headers().firstValue("Content-Length")).hasValue(String.valueOf(healthy.body().length()));

        database.set(HealthResult.unhealthy("connection refused"));
        HttpResponse<String> unhealthy = send("GET", app + "/manage/health");
        assertThat(unhealthy.statusCode()).isEqualTo(503);
        assertThat(unhealthy.body()).isEqualTo("{\"status\":\"unhealthy\"}");
        assertThat(send("GET", app + "/manage/health/ready").statusCode()).isEqualTo(503);
        assertThat(send("GET", app + "/manage/health/live").statusCode()).isEqualTo(200);
        assertThat(send("GET", app + "/manage/health/group/storage").statusCode()).isEqualTo(503);
    }

    @Test
    void refusesDetailsWith401Or403AndServesThemToTheBearer() throws Exception {
        String app = serve(manage(Authorizer.bearerToken(TOKEN)));

        HttpResponse<String> anonymous = send("GET", app + "/manage/health/detailed");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"health\"");
        assertThat(anonymous.body()).isEqualTo("{\"error\":\"authentication required for details\"}");
        HttpResponse<String> wrong = send("GET", app + "/manage/health/detailed", "Authorization", "Bearer wrong-token-0123456789");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("database");

        HttpResponse<String> authorized = send("GET", app + "/manage/health/detailed", "Authorization", "Bearer " + TOKEN);
        assertThat(authorized.statusCode()).isEqualTo(200);
        JsonNode json = MAPPER.readTree(authorized.body());
        assertThat(json.get("overallStatus").asText()).isEqualTo("healthy");
        assertThat(json.get("checks")).extracting(check -> check.get("name").asText()).containsExactly("database", "deadlocks");
        assertThat(send("GET", app + "/manage/health", "Authorization", "Bearer " + TOKEN).body())
                .isEqualTo("{\"status\":\"healthy\",\"checks\":{\"database\":\"healthy\",\"deadlocks\":\"healthy\"}}");
    }

    /**
     * An authorizer over the server's own authentication leaves the challenge to it: a framework's
     * login (here a request wrapper, as Spring Security's, whose {@code authenticate} runs its entry
     * point) answers with its own; a container without a login mechanism gets the library's.
     */
    @Test
    void hasTheServerChallengeACallerTheAuthorizerLeavesToIt() throws Exception {
        Endpoints endpoints = manage(request -> Authorizer.Decision.CHALLENGE_BY_SERVER);
        int port = start("/app", (classes, context) -> {
            context.addFilter("login", (Filter) (request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                chain.doFilter(http.getHeader("X-Login") == null ? request : new HttpServletRequestWrapper(http) {
                    @Override
                    public boolean authenticate(HttpServletResponse challenged) throws IOException {
                        challenged.setHeader("WWW-Authenticate", "Basic realm=\"app\"");
                        challenged.sendError(401);
                        return false;
                    }
                }, response);
            }).addMappingForUrlPatterns(null, false, "/*");
            EndpointServlet servlet = new EndpointServlet(endpoints);
            context.addServlet("health", servlet).addMapping(servlet.urlPattern());
        });
        String app = "http://127.0.0.1:" + port + "/app";

        for (String path : new String[] {"/manage/health/detailed", "/manage/metrics"}) {
            HttpResponse<String> framework = send("GET", app + path, "X-Login", "framework");
            assertThat(framework.statusCode()).as(path).isEqualTo(401);
            assertThat(framework.headers().allValues("WWW-Authenticate")).as(path).containsExactly("Basic realm=\"app\"");
            assertThat(framework.body()).as(path).doesNotContain("database").doesNotContain("credlink");

            HttpResponse<String> container = send("GET", app + path);
            assertThat(container.statusCode()).as(path).isEqualTo(401);
            assertThat(container.headers().allValues("WWW-Authenticate")).as(path).containsExactly("Bearer realm=\"health\"");
            assertThat(container.body()).as(path).startsWith("{\"error\":\"authentication required for ");
        }
        assertThat(send("GET", app + "/manage/health", "X-Login", "framework").body()).as("summaries need no login")
                .isEqualTo("{\"status\":\"healthy\"}");
    }

    @Test
    void answers404405And406AsTheRouterDoes() throws Exception {
        String app = serve(manage(Authorizer.always()));

        HttpResponse<String> unknown = send("GET", app + "/manage/nothing-here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"not found\"}");
        assertThat(unknown.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(send("GET", app + "/manage/health/nope").statusCode()).isEqualTo(404);
        assertThat(send("GET", app + "/manage/health/group/nope").body()).isEqualTo("{\"error\":\"no such group\"}");
        assertThat(send("GET", app + "/manage/api/v1/health/checks/absent").statusCode()).isEqualTo(404);

        for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS", "FOO"}) {
            HttpResponse<String> refused = send(method, app + "/manage/health");
            assertThat(refused.statusCode()).as(method).isEqualTo(405);
            assertThat(refused.headers().firstValue("Allow")).as(method).hasValue("GET, HEAD");
            assertThat(refused.body()).as(method).isEqualTo("{\"error\":\"method not allowed\"}");
        }
        HttpResponse<String> html = send("GET", app + "/manage/health", "Accept", "text/html");
        assertThat(html.statusCode()).isEqualTo(406);
        assertThat(html.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(send("GET", app + "/manage/health", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8").statusCode())
                .isEqualTo(200);
    }

    @Test
    void servesTheIetfFormatByAcceptHeaderOrQuery() throws Exception {
        String app = serve(manage(Authorizer.always()));

        HttpResponse<String> byAccept = send("GET", app + "/manage/health/detailed", "Accept", "application/health+json");
        assertThat(byAccept.headers().firstValue("Content-Type")).hasValue("application/health+json");
        JsonNode json = MAPPER.readTree(byAccept.body());
        assertThat(json.get("status").asText()).isEqualTo("pass");
        assertThat(json.get("checks").get("database:responseTime").get(0).get("status").asText()).isEqualTo("pass");

        database.set(HealthResult.unhealthy("down"));
        HttpResponse<String> byQuery = send("GET", app + "/manage/health?format=ietf");
        assertThat(byQuery.statusCode()).isEqualTo(503);
        assertThat(byQuery.headers().firstValue("Content-Type")).hasValue("application/health+json");
        assertThat(MAPPER.readTree(byQuery.body()).get("status").asText()).isEqualTo("fail");
    }

    @Test
    void answersHeadWithTheStatusAndHeadersOfGetAndNoBody() throws Exception {
        String app = serve(manage(Authorizer.never()));
        database.set(HealthResult.unhealthy("down"));

        HttpResponse<String> head = send("HEAD", app + "/manage/health");
        assertThat(head.statusCode()).isEqualTo(503);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf("{\"status\":\"unhealthy\"}".length()));
    }

    @Test
    void servesTheKubernetesAliasesAndTheMetricsScrapeUnderTheBasePath() throws Exception {
        String app = serve(manage(Authorizer.bearerToken(TOKEN)));

        for (String alias : new String[] {"/livez", "/readyz", "/startupz"}) {
            HttpResponse<String> response = send("GET", app + "/manage" + alias);
            assertThat(response.statusCode()).as(alias).isEqualTo(200);
            assertThat(response.body()).as(alias).isEqualTo("{\"status\":\"healthy\"}");
        }
        database.set(HealthResult.unhealthy("down"));
        assertThat(send("GET", app + "/manage/readyz").statusCode()).isEqualTo(503);
        assertThat(send("GET", app + "/manage/livez").statusCode()).isEqualTo(200);

        assertThat(send("GET", app + "/manage/metrics").statusCode()).isEqualTo(401);
        HttpResponse<String> scraped = send("GET", app + "/manage/metrics", "Authorization", "Bearer " + TOKEN);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).isEqualTo("credlink_health_status 0.0\n");
        assertThat(mediaType(scraped)).isEqualTo(MetricsEndpoint.CONTENT_TYPE.replace(" ", ""));
        assertThat(scraped.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void leavesEverythingOutsideTheBasePathToTheContainer() throws Exception {
        String app = serve(manage(Authorizer.never()));

        assertThat(send("GET", app + "/manage").statusCode()).isEqualTo(404);
        HttpResponse<String> outside = send("GET", app + "/health");
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(outside.headers().firstValue("X-Content-Type-Options")).as("not the router's answer").isEmpty();
    }

    @Test
    void handsTheRouterTheRawPathQueryHeadersCallerAndBody() throws Exception {
        String app = serve(manage(Authorizer.never()));

        HttpResponse<String> echo = send("POST", app + "/manage/echo/a%20b?x=1%262&y", HttpRequest.BodyPublishers.ofString("hello"),
                "X-Probe", "kubelet");
        assertThat(echo.statusCode()).isEqualTo(200);
        assertThat(echo.body()).isEqualTo("POST /echo/a%20b ? x=1%262&y from 127.0.0.1 x-probe=kubelet length 5: hello");
        assertThat(mediaType(echo)).isEqualTo("text/plain;charset=utf-8");
    }

    /**
     * A context path sent with a path parameter or an escape ({@code /app;jsessionid=1},
     * {@code /%61pp}) is still the context path: the router sees the rest, from its {@code /}. Jetty
     * gives the context path decoded and without parameters ({@code /app}) while the request URI is
     * as sent, so the router once saw {@code ;jsessionid=1/manage/echo} and answered 404 where
     * Tomcat served it. Sent over a raw socket, as java.net.URI would normalise nothing here anyway.
     */
    @Test
    void stripsAContextPathSentWithAPathParameterOrAnEscape() throws Exception {
        EndpointServlet servlet = new EndpointServlet(manage(Authorizer.never()));
        int port = start("/app", (classes, context) -> context.addServlet("health", servlet).addMapping(servlet.urlPattern()));

        for (String target : new String[] {"/app;jsessionid=0A1B/manage/echo/x", "/%61pp/manage/echo/x", "/app;/manage/echo/x"}) {
            String answer = raw(port, "GET " + target);
            assertThat(answer).as(target).startsWith("HTTP/1.1 200 ").contains("GET /echo/x ? null from 127.0.0.1");
        }
        assertThat(raw(port, "GET /app;jsessionid=0A1B/manage/health")).startsWith("HTTP/1.1 200 ").endsWith("{\"status\":\"healthy\"}");
    }

    /**
     * Only the canonical paths are served: a trailing slash, an empty or dot segment, or a path
     * parameter on a path of the router gets a 4xx (the router's 404, or the container's 400), never
     * the answer of the canonical path, so a framework's path rule for {@code /manage/health/detailed}
     * cannot be passed by {@code /manage/health/detailed/}. Dot segments in the context path too:
     * Tomcat once served {@code /x/../app/manage/health/detailed} where Jetty answered 404.
     */
    @Test
    void servesOnlyTheCanonicalPathsAndNoOtherSpellingOfThem() throws Exception {
        EndpointServlet servlet = new EndpointServlet(manage(Authorizer.always()));
        int port = start("/app", (classes, context) -> context.addServlet("health", servlet).addMapping(servlet.urlPattern()));

        assertThat(raw(port, "GET /app/manage/health/detailed")).startsWith("HTTP/1.1 200 ").contains("\"checks\"");
        String[] spellings = {
                "/app/manage/health/detailed/", "/app/manage/health/", "/app/manage/health/ready/", "/app/manage/readyz/",
                "/app/manage/api/v1/health/checks/database/", "/app/manage/health/group/storage/", "/app/manage/metrics/",
                "/app/manage/health/detailed;jsessionid=1", "/app/manage/health;jsessionid=1", "/app/manage/health/detailed;",
                "/app/manage;x=1/health/detailed", "/app/manage/health//detailed", "/app/manage//health/detailed",
                "/app//manage/health/detailed", "//app/manage/health/detailed", "/app/manage/health/detailed//",
                "/app/manage/health/./detailed", "/app/manage/./health/detailed", "/app/./manage/health/detailed",
                "/app/manage/health/detailed/.", "/app/manage/health/../health/detailed", "/app/manage/x/../health/detailed",
                "/app/x/../manage/health/detailed", "/x/../app/manage/health/detailed", "/app/manage/health/%2e/detailed",
                "/app/manage/health/%2E%2e/health/detailed", "/app/manage/echo/x/", "/app/manage/echo/./x",
        };
        List<String> served = new ArrayList<>();
        for (String target : spellings) {
            String answer = raw(port, "GET " + target);
            if (!answer.matches("(?s)HTTP/1\\.1 4\\d\\d .*") || answer.contains("\"checks\"") || answer.contains("GET /echo")) {
                served.add(target + " -> " + answer.lines().findFirst().orElse(""));
            }
        }
        assertThat(served).as("served, not refused").isEmpty();
    }

    /**
     * In an asynchronous request: a servlet of the application starts async processing and
     * dispatches to the router from another thread, and a filter in front of everything (as
     * metrics or timeout filters do) has every request go through an async round trip. The router
     * answers the dispatched path, with the caller's credentials, and refuses without them.
     */
    @Test
    void answersRequestsDispatchedAsynchronously() throws Exception {
        Endpoints endpoints = manage(Authorizer.bearerToken(TOKEN));
        int port = start("/app", (classes, context) -> {
            FilterRegistration.Dynamic filter = context.addFilter("async", (Filter) (request, response, chain) -> {
                if (request.getDispatcherType() == DispatcherType.REQUEST && request.getParameter("roundTrip") != null) {
                    AsyncContext async = request.startAsync();
                    async.start(async::dispatch);
                } else {
                    chain.doFilter(request, response);
                }
            });
            filter.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
            filter.setAsyncSupported(true);
            EndpointServlet servlet = new EndpointServlet(endpoints);
            ServletRegistration.Dynamic health = context.addServlet("health", servlet);
            health.addMapping(servlet.urlPattern());
            health.setAsyncSupported(true);
            ServletRegistration.Dynamic application = context.addServlet("application", new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) {
                    AsyncContext async = request.startAsync();
                    async.start(() -> async.dispatch("/manage/health/detailed"));
                }
            });
            application.addMapping("/report");
            application.setAsyncSupported(true);
        });
        String app = "http://127.0.0.1:" + port + "/app";

        HttpResponse<String> dispatched = send("GET", app + "/report", "Authorization", "Bearer " + TOKEN);
        assertThat(dispatched.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(dispatched.body()).get("overallStatus").asText()).isEqualTo("healthy");
        HttpResponse<String> anonymous = send("GET", app + "/report");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("database");

        HttpResponse<String> roundTrip = send("GET", app + "/manage/health/detailed?roundTrip", "Authorization", "Bearer " + TOKEN);
        assertThat(roundTrip.statusCode()).isEqualTo(200);
        assertThat(roundTrip.headers().firstValue("Content-Length")).hasValue(String.valueOf(roundTrip.body().length()));
        assertThat(send("HEAD", app + "/manage/health?roundTrip").body()).isEmpty();
        assertThat(send("GET", app + "/manage/health/detailed?roundTrip").statusCode()).isEqualTo(401);
    }

    @Test
    void grantsDetailsToLoopbackCallersByTheirAddress() throws Exception {
        String app = serve(manage(Authorizer.loopbackOnly()));

        HttpResponse<String> detailed = send("GET", app + "/manage/health/detailed");
        assertThat(detailed.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(detailed.body()).get("checks")).hasSize(2);
    }

    @Test
    void servesARouterWithoutBasePathMappedToEveryPath() throws Exception {
        HealthEndpoints health = HealthEndpoints.builder(monitor()).kubernetesAliases(true).build();
        String app = serve(Endpoints.of(health));

        assertThat(send("GET", app + "/health").body()).isEqualTo("{\"status\":\"healthy\"}");
        assertThat(send("GET", app + "/health/ready").statusCode()).isEqualTo(200);
        assertThat(send("GET", app + "/readyz").statusCode()).isEqualTo(200);
        HttpResponse<String> unknown = send("GET", app + "/anything/else");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"not found\"}");
    }

    /**
     * A router at the root mapped to the paths of its endpoints only ({@code /health/*} and
     * {@code /metrics}), beside the application's own servlets: the router sees the whole path
     * within the web application, so every endpoint answers there, and the rest stays the
     * application's. Its {@code init()} once refused {@code /health/*} as a mapping that "would
     * answer 404 to every request".
     */
    @Test
    void servesARouterAtTheRootMappedToThePathsOfItsEndpoints() throws Exception {
        Endpoints endpoints = Endpoints.of(HealthEndpoints.builder(monitor()).authorizer(Authorizer.bearerToken(TOKEN)).build(),
                MetricsEndpoint.of(() -> "credlink_health_status 0.0\n", Authorizer.bearerToken(TOKEN)));
        int port = start("/app", (classes, context) -> {
            ServletRegistration.Dynamic health = context.addServlet("health", new EndpointServlet(endpoints));
            health.addMapping("/health", "/health/*", "/metrics");
            health.setLoadOnStartup(1);
            context.addServlet("application", new Application()).addMapping("/");
        });
        String app = "http://127.0.0.1:" + port + "/app";

        assertThat(send("GET", app + "/health").body()).isEqualTo("{\"status\":\"healthy\"}");
        assertThat(send("GET", app + "/health/live").statusCode()).isEqualTo(200);
        assertThat(send("GET", app + "/health/ready").statusCode()).isEqualTo(200);
        assertThat(send("GET", app + "/health/detailed").statusCode()).isEqualTo(401);
        HttpResponse<String> detailed = send("GET", app + "/health/detailed", "Authorization", "Bearer " + TOKEN);
        assertThat(detailed.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(detailed.body()).get("overallStatus").asText()).isEqualTo("healthy");
        assertThat(send("GET", app + "/metrics", "Authorization", "Bearer " + TOKEN).body()).isEqualTo("credlink_health_status 0.0\n");
        assertThat(send("GET", app + "/health/nothing").body()).isEqualTo("{\"error\":\"not found\"}");
        assertThat(send("GET", app + "/orders").body()).isEqualTo("application: GET item=null");
    }

    @Test
    void refusesToStartAServletMappedWhereItsRouterServesNothing() throws Exception {
        Endpoints atRoot = Endpoints.of(HealthEndpoints.builder(monitor()).build());
        int port;
        try {
            port = start("", (classes, context) -> {
                ServletRegistration.Dynamic registration = context.addServlet("health", new EndpointServlet(atRoot));
                registration.addMapping("/manage/*");
                registration.setLoadOnStartup(1);
            });
        } catch (Exception e) {
            // Jetty fails to start.
            assertThat(e).hasMessageContaining("is mapped to /manage/* but its router's base path is ''")
                    .hasMessageContaining("Endpoints.builder().basePath(\"/manage\")");
            return;
        }
        // Tomcat starts without the servlet and answers for it.
        HttpResponse<String> response = send("GET", "http://127.0.0.1:" + port + "/manage/health");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).as("not the router's answer").isEmpty();
    }
}
