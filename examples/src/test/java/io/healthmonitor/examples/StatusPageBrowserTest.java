package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /health/ui as a person sees it: rendered by headless Chromium against the running demo. */
class StatusPageBrowserTest {

    private static final String TOKEN = "browser-token-0123456789abcdef";

    private static String render(HeadlessChromium chromium, String url) throws Exception {
        return chromium.dom(url);
    }

    static List<String> rows(String dom) {
        Matcher row = Pattern.compile("<tr data-check=\"([^\"]+)\" class=\"([a-z]+)\"|<tr class=\"([a-z]+)\" data-check=\"([^\"]+)\"")
                .matcher(dom);
        List<String> found = new java.util.ArrayList<>();
        while (row.find()) {
            found.add(row.group(1) != null ? row.group(1) + "=" + row.group(2) : row.group(4) + "=" + row.group(3));
        }
        return found;
    }

    @Test
    void showsEveryCheckWithItsStatusColourResponseTimeAndDetailsToALoopbackCaller() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.assumeInstalled();
        try (DemoService demo = DemoClient.startReady(Map.of("PORT", "0"))) {
            String dom = render(chromium, "http://127.0.0.1:" + demo.port() + "/health/ui");
            assertThat(dom).contains("<span id=\"overall\" class=\"healthy\">healthy</span>");
            assertThat(rows(dom)).containsExactly("database=healthy", "disk=healthy", "memory=healthy",
                    "tls-self=healthy", "corim-profiles=healthy");
            assertThat(dom).containsPattern("<td class=\"number response-time\">[0-9]+\\.[0-9]</td>")
                    .contains("<dt>database</dt><dd>H2</dd>")
                    .contains("<dt>expiryAlert</dt><dd>none</dd>")
                    .doesNotContain("<span id=\"updated\">never</span>");
            assertThat(dom).containsPattern("<table id=\"checks\">");   // no longer hidden
            // Only the canonical path is served (docs/http.md): /health/ui/ is the router's 404, not a page that asks /health/ui/detailed
            String slashed = render(chromium, "http://127.0.0.1:" + demo.port() + "/health/ui/");
            assertThat(slashed).contains("{\"error\":\"not found\"}").doesNotContain("id=\"overall\"");
        }
    }

    @Test
    void showsOnlyTheOverallStatusWithoutTheTokenAndEverythingWithIt() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.assumeInstalled();
        try (DemoService demo = DemoClient.startReady(Map.of("PORT", "0", "HEALTH_TOKEN", TOKEN))) {
            String anonymous = render(chromium, "http://127.0.0.1:" + demo.port() + "/health/ui");
            assertThat(anonymous).contains("<span id=\"overall\" class=\"healthy\">healthy</span>")
                    .contains("Details need a token.")
                    .contains("<table id=\"checks\" hidden=\"\">");
            assertThat(rows(anonymous)).isEmpty();
            assertThat(anonymous).doesNotContain("tls-self").doesNotContain("H2");

            String authorized = render(chromium, "http://127.0.0.1:" + demo.port() + "/health/ui#token=" + TOKEN);
            assertThat(rows(authorized)).hasSize(5).allMatch(row -> row.endsWith("=healthy"));
            assertThat(authorized).doesNotContain(TOKEN);
        }
    }

    @Test
    void coloursAnUnhealthyCheckAndTheOverallStatusRed() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.assumeInstalled();
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (DemoService demo = DemoClient.startReady(Map.of("PORT", "0",
                "DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/orders"))) {
            String dom = render(chromium, "http://127.0.0.1:" + demo.port() + "/health/ui");
            assertThat(dom).contains("<span id=\"overall\" class=\"unhealthy\">unhealthy</span>");
            assertThat(rows(dom)).contains("database=unhealthy", "disk=healthy");
            assertThat(dom).contains("<dt>failure</dt><dd>connection_refused</dd>");
        }
    }
}
