package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testsupport.RequiredServices;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's meters follow its dependencies while nothing but Prometheus calls it. Found by an
 * operator's test: with only /metrics scraped, the database's status gauge said healthy for a
 * minute after the database had gone, since a scrape runs no check. The demo now asks for a report
 * every {@link DemoService#REFRESH_INTERVAL}.
 */
class DemoMetricsFreshnessTest {

    private static final String REDIS_STATUS = "demo_health_check_status{check=\"redis\"";

    @Test
    void theStatusGaugeTurnsUnhealthyWhenOnlyMetricsAreScraped() throws Exception {
        RequiredServices.assumeListening("Redis", "127.0.0.1", 6379);
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", 6379));
             DemoService demo = DemoClient.startReady(Map.of("PORT", "0", "REDIS_URL", "redis://127.0.0.1:" + proxy.port()))) {
            DemoClient http = new DemoClient(demo.port());
            assertThat(statusLine(http.metricsShowing(REDIS_STATUS))).endsWith(" 0.0");

            proxy.blackhole();
            // From now on only /metrics is called, as Prometheus would: nothing else asks for a report.
            long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String line = statusLine(http.get("/metrics").body());
            while (!line.endsWith(" 2.0") && System.nanoTime() < giveUp) {
                Thread.sleep(200);   // a bounded poll of what a scrape shows, not an assertion
                line = statusLine(http.get("/metrics").body());
            }
            assertThat(line).as("the redis status gauge, scraped only").endsWith(" 2.0");
        }
    }

    private static String statusLine(String scrape) {
        return scrape.lines().filter(line -> line.startsWith(REDIS_STATUS)).findFirst().orElse("(no redis status gauge)");
    }
}
