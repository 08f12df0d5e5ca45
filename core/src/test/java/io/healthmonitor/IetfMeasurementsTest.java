package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The IETF format turns numeric details into measurements only where the key names a measurement
 * of its unit. Every unit-named detail key of the library's own checks is classified here, and a
 * key added to any module without being classified fails the test.
 */
class IetfMeasurementsTest {

    /** Every unit-named detail key the library emits, and the IETF measurement it is (null: none). */
    private static final Map<String, String> LIBRARY_KEYS = new TreeMap<>(Map.ofEntries(
            Map.entry("responseTimeMillis", "-"),                 // the engine's responseTime wins
            Map.entry("expiringWithin7Days", "-"),                // a number of certificates
            Map.entry("expiringWithin30Days", "-"),               // a number of certificates
            Map.entry("latencyMillis", "latency ms"),
            Map.entry("pingLatencyMillis", "pingLatency ms"),
            Map.entry("rttMillis", "rtt ms"),
            Map.entry("acquireMillis", "acquire ms"),
            Map.entry("disconnectedMillis", "disconnected ms"),
            Map.entry("gracePeriodMillis", "gracePeriod ms"),
            Map.entry("heartbeatMillis", "heartbeat ms"),          // fleet entries, not a check's detail
            Map.entry("ageSeconds", "age s"),                      // the fleet view, not a check's detail
            Map.entry("uptimeSeconds", "uptime s"),
            Map.entry("windowSeconds", "window s"),               // a field of /health/history, not a detail
            Map.entry("expiryThresholdSeconds", "expiryThreshold s"),
            Map.entry("longRunningQueryThresholdSeconds", "longRunningQueryThreshold s"),
            Map.entry("expiresInDays", "expiresIn d"),
            Map.entry("sizeBytes", "size bytes"),
            Map.entry("rssBytes", "rss bytes"),
            Map.entry("memoryBytes", "memory bytes"),
            Map.entry("freeBytes", "free bytes"),
            Map.entry("usedMemoryBytes", "usedMemory bytes"),
            Map.entry("unhealthyBelowBytes", "unhealthyBelow bytes"),
            Map.entry("degradedBelowBytes", "degradedBelow bytes"),
            Map.entry("totalBytes", "total bytes"),
            Map.entry("storageBytes", "storage bytes"),
            Map.entry("rssLimitBytes", "rssLimit bytes"),
            Map.entry("maxStringBytes", "maxString bytes"),
            Map.entry("maxMemoryBytes", "maxMemory bytes"),
            Map.entry("maxInputBytes", "maxInput bytes"),
            Map.entry("heapUsedBytes", "heapUsed bytes"),
            Map.entry("heapMaxBytes", "heapMax bytes"),
            Map.entry("connectionUsagePercent", "connectionUsage %"),
            Map.entry("utilizationPercent", "utilization %"),
            Map.entry("unhealthyBelowPercent", "unhealthyBelow %"),
            Map.entry("unhealthyAbovePercent", "unhealthyAbove %"),
            Map.entry("degradedBelowPercent", "degradedBelow %"),
            Map.entry("degradedAbovePercent", "degradedAbove %"),
            Map.entry("rssUsedPercent", "rssUsed %"),
            Map.entry("heapUsedPercent", "heapUsed %"),
            Map.entry("freePercent", "free %"),
            Map.entry("cpuPercent", "cpu %")));

    private static final Pattern UNIT_KEY = Pattern.compile("\"([a-zA-Z][a-zA-Z0-9]*(?:Millis|Seconds|Days|Bytes|Percent))\"");

    @Test
    void mapsEveryLibraryKeyToTheMeasurementItIsOrToNone() {
        LIBRARY_KEYS.forEach((key, expected) -> {
            Map.Entry<String, String> measurement = HealthJson.measurement(key);
            String actual = measurement == null ? "-" : measurement.getKey() + " " + measurement.getValue();
            assertThat(actual).as("IETF measurement of the detail %s", key).isEqualTo(expected);
        });
    }

    @Test
    void classifiesEveryUnitNamedDetailKeyOfEveryModule() throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of(".."))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .toList()) {
                Matcher key = UNIT_KEY.matcher(Files.readString(file));
                while (key.find()) {
                    found.add(key.group(1));
                }
            }
        }
        assertThat(found).isNotEmpty();
        assertThat(LIBRARY_KEYS.keySet()).as("unit-named detail keys found in the modules' sources, to classify here")
                .containsAll(found);
    }

    @Test
    void writesTwoUnitsOfOneMeasureUnderOneKeyForTheDiskAndMemoryChecks() throws Exception {
        HealthReport report;
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register("disk", DiskSpaceHealthCheck.of(Path.of(".")))
                .register("memory", MemoryHealthCheck.of())
                .build()) {
            report = monitor.report();
        }
        // Duplicate keys are an error here: most parsers would silently keep only the last value.
        JsonNode checks = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .readTree(HealthJson.ietf(report, true)).get("checks");
        assertThat(units(checks.get("disk:free"))).containsExactly("bytes", "%");
        assertThat(units(checks.get("memory:heapUsed"))).containsExactly("bytes", "%");
        assertThat(checks.get("disk:free").get(0).get("observedValue").asLong()).isPositive();
    }

    private static java.util.List<String> units(JsonNode entries) {
        assertThat(entries).as("entries").isNotNull();
        java.util.List<String> units = new java.util.ArrayList<>();
        entries.forEach(entry -> units.add(entry.get("observedUnit").asText()));
        return units;
    }

    @Test
    void keepsTheEnginesResponseTimeAndGivesNoUnitToACount() {
        CheckResult certificates = new CheckResult("cert-files", HealthStatus.HEALTHY, null,
                Map.of("expiringWithin30Days", 2, "expiresInDays", 41, "responseTimeMillis", 16), null,
                Duration.ofNanos(20_272_000), Instant.EPOCH, true, Set.of(), true);
        String json = new String(HealthJson.ietf(HealthReport.of(Instant.EPOCH, Duration.ZERO, java.util.List.of(certificates)),
                true), StandardCharsets.UTF_8);
        assertThat(json).contains("\"cert-files:responseTime\":[{\"componentId\":\"cert-files\",\"observedValue\":20.272")
                .contains("\"cert-files:expiresIn\":[{\"componentId\":\"cert-files\",\"observedValue\":41,\"observedUnit\":\"d\"")
                .doesNotContain("expiringWithin30").doesNotContain("\"observedValue\":16");
    }
}
