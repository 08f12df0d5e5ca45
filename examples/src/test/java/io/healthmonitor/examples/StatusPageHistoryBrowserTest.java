package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.Schedule;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.Endpoint;
import io.healthmonitor.http.EndpointResponse;
import io.healthmonitor.http.Endpoints;
import io.healthmonitor.http.HealthEndpoints;
import io.healthmonitor.http.JdkHttpHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The history and fleet parts of /health/ui, rendered by headless Chromium against a real JDK
 * server: a check that flips shows on its timeline, a fleet view renders, 100 checks render.
 */
class StatusPageHistoryBrowserTest {

    private static final String FLEET = """
            {"services":[{"name":"checkout","status":"degraded","instances":[
              {"id":"checkout-1","status":"healthy","ageSeconds":1.2,"checks":{"db":"healthy","cache":"healthy"}},
              {"id":"<b>checkout-2</b>","status":"unhealthy","ageSeconds":4.75,"checks":{"db":"unhealthy"}}]},
             {"name":"billing","status":"healthy","instances":[
              {"id":"billing-1","status":"healthy","ageSeconds":0.3,"checks":{"db":"healthy"}}]}]}
            """;

    private final AtomicReference<HealthResult> payments = new AtomicReference<>(HealthResult.healthy());
    private final AtomicReference<EndpointResponse> fleet = new AtomicReference<>();
    private HealthMonitor monitor;
    private HttpServer server;

    /** Serves /health/fleet with whatever the test put in {@link #fleet}; 404 (like a service without a fleet view) when nothing. */
    private final Endpoint fleetEndpoint = request -> {
        if (!request.path().equals("/health/fleet")) {
            return null;
        }
        EndpointResponse response = fleet.get();
        return response == null ? EndpointResponse.error(404, "not found") : response;
    };

    private String start(int extraChecks) throws Exception {
        HealthMonitor.Builder builder = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("payments", ctx -> payments.get())
                        .schedule(Schedule.onDemand(Duration.ZERO)).build())
                .register("disk", ctx -> HealthResult.healthy());
        for (int i = 0; i < extraChecks; i++) {
            int latency = i;
            builder.register("service-" + i, ctx -> HealthResult.healthy().withDetail("latencyMillis", latency));
        }
        monitor = builder.build();
        assertThat(monitor.awaitReady(Duration.ofSeconds(30))).isTrue();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        JdkHttpHandler.of(Endpoints.of(fleetEndpoint, HealthEndpoints.builder(monitor).authorizer(Authorizer.loopbackOnly())
                .build())).mount(server);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health/ui";
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

    /** The row of one check, from its opening tag to its end. */
    private static String row(String dom, String check) {
        Matcher row = Pattern.compile("<tr class=\"[a-z]+\" data-check=\"" + Pattern.quote(check) + "\">(.*?)</tr>",
                Pattern.DOTALL).matcher(dom);
        assertThat(row.find()).as("a row for %s", check).isTrue();
        return row.group(1);
    }

    /**
     * The status classes of the bars of the first SVG of the given class in {@code html}, left to
     * right. A check's first result comes a moment after the monitor starts recording, so a grey
     * "no result yet" bar as wide as that moment may come first: it is left out.
     */
    private static List<String> bars(String html, String svgClass) {
        Matcher svg = Pattern.compile("<svg class=\"" + svgClass + "\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(html);
        assertThat(svg.find()).as("an <svg class=%s>", svgClass).isTrue();
        Matcher rect = Pattern.compile("<rect class=\"([a-z]+)\"").matcher(svg.group(1));
        List<String> statuses = new ArrayList<>();
        while (rect.find()) {
            if (!(statuses.isEmpty() && rect.group(1).equals("unknown"))) {
                statuses.add(rect.group(1));
            }
        }
        return statuses;
    }

    @Test
    void showsTheTimelineWithTheChangeAfterACheckFlips() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.assumeInstalled();
        String url = start(0);
        payments.set(HealthResult.unhealthy("card processor down"));
        monitor.report();

        String dom = chromium.dom(url);
        assertThat(StatusPageBrowserTest.rows(dom)).containsExactly("payments=unhealthy", "disk=healthy");
        String payments = row(dom, "payments");
        assertThat(bars(payments, "timeline")).containsExactly("healthy", "unhealthy");
        assertThat(payments).containsPattern("<title>unhealthy since [0-9T:.Z-]+: card processor down</title>")
                .containsPattern("<svg class=\"sparkline\"[^>]*><polyline points=\"[0-9., ]+\"");
        assertThat(bars(payments, "sparkline")).as("a mark per unhealthy sample").isNotEmpty().containsOnly("unhealthy");
        assertThat(bars(row(dom, "disk"), "timeline")).containsExactly("healthy");
        // Unhealthy until both checks had a first result, healthy, then unhealthy since payments flipped.
        assertThat(dom).contains("<section id=\"overall-history\">");
        assertThat(bars(dom, "overall-timeline")).containsExactly("unhealthy", "healthy", "unhealthy");
        assertThat(dom).as("no fleet view here: 404, the section stays hidden").contains("<section id=\"fleet\" hidden=\"\">");
    }

    @Test
    void rendersTheFleetSectionWhenTheFleetViewAnswersAndAnErrorLineWhenItFails() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.assumeInstalled();
        String url = start(0);
        fleet.set(EndpointResponse.of(200, "application/json", FLEET.getBytes(StandardCharsets.UTF_8)));

        String dom = chromium.dom(url);
        assertThat(dom).contains("<section id=\"fleet\">")
                .contains("<div class=\"service\" data-service=\"checkout\"><h3>checkout<span class=\"degraded\">degraded</span></h3>")
                .contains("<tr class=\"healthy\" data-instance=\"checkout-1\"><td class=\"name\">checkout-1</td>"
                        + "<td class=\"status\">healthy</td><td class=\"number\">1.2</td>"
                        + "<td class=\"checks\">db: healthy, cache: healthy</td></tr>")
                .contains("<td class=\"name\">&lt;b&gt;checkout-2&lt;/b&gt;</td><td class=\"status\">unhealthy</td>"
                        + "<td class=\"number\">4.8</td>")
                .contains("data-service=\"billing\"")
                .doesNotContain("<b>checkout-2</b>");

        fleet.set(EndpointResponse.error(503, "fleet view not connected"));
        String failing = chromium.dom(url);
        assertThat(failing).contains("<section id=\"fleet\">")
                .contains("<div id=\"fleet-error\">Cannot read the fleet view: HTTP 503</div>")
                .doesNotContain("data-service=");
        assertThat(StatusPageBrowserTest.rows(failing)).containsExactly("payments=healthy", "disk=healthy");
    }

    @Test
    void rendersAHundredChecksEachWithItsTimelineAndSparkline() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.assumeInstalled();
        String url = start(98);

        String dom = chromium.dom(url);
        List<String> rows = StatusPageBrowserTest.rows(dom);
        assertThat(rows).hasSize(100).allMatch(row -> row.endsWith("=healthy"));
        assertThat(Pattern.compile("<svg class=\"timeline\"").matcher(dom).results().count()).isEqualTo(100);
        assertThat(Pattern.compile("<svg class=\"sparkline\"[^>]*><polyline").matcher(dom).results().count())
                .isEqualTo(100);
        assertThat(bars(row(dom, "service-97"), "timeline")).containsExactly("healthy");
    }
}
