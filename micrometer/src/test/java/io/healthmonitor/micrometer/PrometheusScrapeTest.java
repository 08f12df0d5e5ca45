package io.healthmonitor.micrometer;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.Schedule;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class PrometheusScrapeTest {

    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-z_]+)\\{?");

    private static String scrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).executor(Runnable::run)
                .listener(HealthMetrics.of(registry, "credlink"))
                .register("database", ctx -> HealthResult.unhealthy("connection refused"))
                .build()) {
            monitor.report();
        }
        return registry.scrape();
    }

    @Test
    void exposesTheRunbooksMetricNamesWithTheCheckTag() {
        String text = scrape();
        assertThat(text)
                .contains("credlink_health_check_response_time_seconds_count{check=\"database\"} 1")
                .contains("credlink_health_check_failures_total{check=\"database\"} 1.0")
                .contains("credlink_health_check_status{check=\"database\"} 2.0")
                .contains("credlink_health_status 2.0");
    }

    @Test
    void aMonitorBuiltAgainIsScrapedWithItsOwnStatus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (boolean up : new boolean[] {false, true}) {
            try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).executor(Runnable::run)
                    .listener(HealthMetrics.of(registry, "credlink"))
                    .register("database", ctx -> up ? HealthResult.healthy() : HealthResult.unhealthy("connection refused"))
                    .build()) {
                assertThat(monitor.report().status().ordinal()).isEqualTo(up ? 0 : 2);
            }
        }
        assertThat(registry.scrape())
                .contains("credlink_health_status 0.0")
                .contains("credlink_health_check_status{check=\"database\"} 0.0")
                .contains("credlink_health_check_failures_total{check=\"database\"} 1.0");
    }

    @Test
    void docsListEveryMetricTheBinderRegisters() throws IOException {
        Set<String> scraped = new TreeSet<>();
        Matcher matcher = SAMPLE.matcher(scrape());
        while (matcher.find()) {
            scraped.add(matcher.group(1).replaceFirst("_(count|sum|max|bucket)$", ""));
        }
        String docs = Files.readString(Path.of("..", "docs", "metrics.md"));
        assertThat(scraped).isNotEmpty().allSatisfy(name ->
                assertThat(docs).as("docs/metrics.md names %s", name).contains("`" + name));
    }
}
