package io.healthmonitor.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.HealthStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetJsonTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void writesTheDocumentedShape() {
        FleetInstance one = new FleetInstance("orders-1", HealthStatus.HEALTHY, Duration.ofMillis(1_249), false,
                Map.of("db", HealthStatus.HEALTHY), "1.4.2");
        FleetInstance two = new FleetInstance("orders-2", HealthStatus.HEALTHY, Duration.ofMillis(11_000), true,
                Map.of(), null);
        FleetSnapshot snapshot = new FleetSnapshot(FleetSnapshot.State.LIVE, null, NOW, 2,
                List.of(new FleetService("orders", HealthStatus.DEGRADED, List.of(one, two))));

        assertThat(new String(FleetJson.write(snapshot), StandardCharsets.UTF_8)).isEqualTo(
                "{\"view\":{\"status\":\"live\",\"since\":null,\"skippedEntries\":2},\"services\":[{\"name\":\"orders\","
                        + "\"status\":\"degraded\",\"instances\":[{\"id\":\"orders-1\",\"status\":\"healthy\",\"ageSeconds\":1.2,"
                        + "\"stale\":false,\"version\":\"1.4.2\",\"checks\":{\"db\":\"healthy\"}},{\"id\":\"orders-2\","
                        + "\"status\":\"healthy\",\"ageSeconds\":11.0,\"stale\":true,\"checks\":{}}]}]}");
    }

    @Test
    void saysWhenTheViewIsBlind() {
        FleetSnapshot snapshot = new FleetSnapshot(FleetSnapshot.State.DISCONNECTED, NOW, NOW, 0, List.of());

        assertThat(new String(FleetJson.write(snapshot), StandardCharsets.UTF_8))
                .isEqualTo("{\"view\":{\"status\":\"disconnected\",\"since\":\"2026-01-02T03:04:05Z\",\"skippedEntries\":0},"
                        + "\"services\":[]}");
    }

    @Test
    void aStaleInstanceCountsAsUnhealthy() {
        FleetInstance stale = new FleetInstance("a", HealthStatus.HEALTHY, Duration.ofSeconds(11), true, Map.of(), null);

        assertThat(stale.effectiveStatus()).isEqualTo(HealthStatus.UNHEALTHY);
    }
}
