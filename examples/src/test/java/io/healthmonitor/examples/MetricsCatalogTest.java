package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmonitor.testsupport.RequiredServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every metric name in docs/prometheus/alerts.yml and docs/grafana/health-monitor.json is one the
 * library really registers: scraped from the running demo (prefix {@code credlink}).
 *
 * <p>Redis names are scraped from a demo started with {@code REDIS_URL} against the local Redis
 * (127.0.0.1:6379), skipped when it is absent unless {@code healthmonitor.it.required=true}.
 * CoRIM names come from the demo's CoRIM endpoints, which register them unprefixed, as the runbooks query them.
 */
class MetricsCatalogTest {

    static final Path DOCS = Path.of("..", "docs");
    private static final Set<String> REDIS = Set.of("credlink_redis_connection_errors_total",
            "credlink_redis_ping_latency_seconds_sum", "credlink_redis_ping_latency_seconds_count");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "instance");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /** The metric names of PromQL expressions: identifiers outside label matchers, ranges and strings, not functions. */
    static Set<String> metricNames(String promql) {
        String bare = promql.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String rest = bare.substring(identifier.end()).stripLeading();
            if (!rest.startsWith("(") && !PROMQL_WORDS.contains(identifier.group())) {
                names.add(identifier.group());
            }
        }
        return names;
    }

    static Set<String> namesInDocs() throws Exception {
        Set<String> names = new TreeSet<>();
        Matcher expr = Pattern.compile("expr: (?:>-\\n)?((?:.+\\n?)+?)\\s+(?:for|labels):")
                .matcher(Files.readString(DOCS.resolve("prometheus/alerts.yml")));
        int rules = 0;
        while (expr.find()) {
            names.addAll(metricNames(expr.group(1)));
            rules++;
        }
        assertThat(rules).as("rules read from alerts.yml").isEqualTo(14);
        JsonNode dashboard = new ObjectMapper().readTree(DOCS.resolve("grafana/health-monitor.json").toFile());
        int targets = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                names.addAll(metricNames(target.get("expr").asText()));
                targets++;
            }
        }
        assertThat(targets).as("dashboard queries").isGreaterThanOrEqualTo(12);
        names.addAll(metricNames(dashboard.at("/templating/list/0/query").asText().replace("label_values(", "(")));
        return names;
    }

    private static Set<String> scrape(Map<String, String> environment) throws Exception {
        try (DemoService demo = DemoClient.startReady(environment)) {
            DemoClient http = new DemoClient(demo.port());
            http.get("/health/detailed");
            return http.metricsShowing("health_check_response_time_seconds_count").lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0])
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void parsesMetricNamesOutOfPromql() {
        assertThat(metricNames("sum by (instance) (rate(a_total{x=\"b_c\"}[5m])) > 0.1 and ignoring(state) b >= c"))
                .containsExactly("a_total", "b", "c");
    }

    @Test
    void everyMetricOfTheRulesAndTheDashboardIsRegisteredByTheDemo() throws Exception {
        Set<String> documented = namesInDocs();
        Set<String> scraped = scrape(Map.of("PORT", "0", "SERVICE_NAME", "credlink"));
        Set<String> expected = new TreeSet<>(documented);
        expected.removeAll(REDIS);
        assertThat(scraped).as("names the default demo registers").containsAll(expected);
        assertThat(documented).as("the exemptions are used").containsAll(REDIS);
        assertThat(expected).contains("credlink_health_status", "credlink_health_check_status",
                "credlink_health_check_failures_total", "credlink_certificates_expiring_7d",
                "credlink_database_connections", "credlink_certificate_expiry_seconds",
                "corim_validation_failures_total");
    }

    @Test
    void redisMetricsOfTheRulesAndTheDashboardAreRegisteredWithRedisUrl() throws Exception {
        RequiredServices.assumeListening("redis", "127.0.0.1", 6379);
        Set<String> scraped = scrape(Map.of("PORT", "0", "SERVICE_NAME", "credlink", "REDIS_URL", "redis://127.0.0.1:6379"));
        assertThat(scraped).containsAll(REDIS);
    }

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Path promtool = RequiredServices.assumeCommand("promtool");
        Process process = new ProcessBuilder(promtool.toString(), "check", "rules",
                DOCS.resolve("prometheus/alerts.yml").toString(), DOCS.resolve("prometheus/rules.yml").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS: 14 rules found").contains("SUCCESS: 1 rules found");
    }
}
