package io.healthmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The page's HTTP contract; what a browser shows is tested with Chromium in the examples module. */
class StatusPageTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer server;
    private HealthMonitor monitor;
    private String base;

    @BeforeEach
    void start() throws Exception {
        monitor = HealthMonitor.builder().logTransitions(false)
                .register("secret-database-name", ctx -> HealthResult.unhealthy("down"))
                .build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        JdkHttpHandler.of(Endpoints.of(HealthEndpoints.builder(monitor).authorizer(Authorizer.never()).build())).mount(server);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        monitor.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheHtmlPageToBrowsersEvenWhenTheyAcceptOnlyHtml() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/health/ui"))
                .header("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("<table id=\"checks\"");
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/health/ui/"))).statusCode())
                .as("only the canonical path is served").isEqualTo(404);
    }

    @Test
    void pageHoldsNoHealthDataSoTheAuthorizerStillDecidesThroughTheReportItFetches() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/health/ui")));
        assertThat(page.body()).doesNotContain("secret-database-name").doesNotContain("unhealthy\"}")
                .contains("new URL(\"../health\", HERE)").contains("get(\"detailed\")").contains("get(\"history?samples=\" + SPARKLINE_SAMPLES)")
                .contains("get(\"fleet\")");
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/health/detailed"))).statusCode()).isEqualTo(403);
    }

    @Test
    void loadsNothingFromElsewhereAndAllowsOnlyItsOwnScriptAndStyle() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/health/ui")));
        // The SVG namespace is a name, not an address: nothing is fetched from it.
        String body = page.body().replace("\"http://www.w3.org/2000/svg\"", "\"svg-namespace\"");
        assertThat(body).doesNotContainPattern("(?i)(src|href)\\s*=").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                .doesNotContain("url(").doesNotContain("@import");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).startsWith("default-src 'none';").contains("connect-src 'self'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(policy).contains(hashOf(page.body(), "script")).contains(hashOf(page.body(), "style"));
    }

    @Test
    void refusesOtherMethodsAndAnswersHeadWithoutABody() throws Exception {
        HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(base + "/health/ui"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(base + "/health/ui"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void otherPathsUnderHealthAreUnchanged() throws Exception {
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/health/uix"))).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/health"))).statusCode()).isEqualTo(503);
    }

    private static String hashOf(String html, String element) throws Exception {
        Matcher matcher = Pattern.compile("<" + element + ">(.*?)</" + element + ">", Pattern.DOTALL).matcher(html);
        assertThat(matcher.find()).as("an inline <%s>", element).isTrue();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(matcher.group(1).getBytes(StandardCharsets.UTF_8));
        return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    }
}
