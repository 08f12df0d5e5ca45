package io.healthmonitor.fleet;

import static io.healthmonitor.HealthStatus.DEGRADED;
import static io.healthmonitor.HealthStatus.HEALTHY;
import static io.healthmonitor.HealthStatus.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FleetPolicyTest {

    private final FleetPolicy standard = FleetPolicy.standard();

    @Test
    void standardIsHealthyOnlyWhenEveryInstanceIs() {
        assertThat(standard.status(List.of(HEALTHY, HEALTHY, HEALTHY))).isEqualTo(HEALTHY);
        assertThat(standard.status(List.of(HEALTHY, HEALTHY, UNHEALTHY))).isEqualTo(DEGRADED);
        assertThat(standard.status(List.of(HEALTHY, DEGRADED))).isEqualTo(DEGRADED);
    }

    @Test
    void standardIsUnhealthyWhenNoInstanceIsHealthy() {
        assertThat(standard.status(List.of(UNHEALTHY, UNHEALTHY))).isEqualTo(UNHEALTHY);
        assertThat(standard.status(List.of(UNHEALTHY))).isEqualTo(UNHEALTHY);
        assertThat(standard.status(List.of(DEGRADED, DEGRADED))).isEqualTo(UNHEALTHY);
        assertThat(standard.status(List.of(DEGRADED, UNHEALTHY))).isEqualTo(UNHEALTHY);
    }

    @Test
    void minimumHealthyNeedsThatManyHealthyInstances() {
        FleetPolicy two = FleetPolicy.minimumHealthy(2);
        assertThat(two.status(List.of(HEALTHY, HEALTHY, HEALTHY))).isEqualTo(HEALTHY);
        assertThat(two.status(List.of(HEALTHY, HEALTHY, UNHEALTHY))).isEqualTo(DEGRADED);
        assertThat(two.status(List.of(HEALTHY, DEGRADED, UNHEALTHY))).isEqualTo(UNHEALTHY);
        assertThat(two.status(List.of(HEALTHY))).isEqualTo(UNHEALTHY);
    }

    @Test
    void minimumHealthyRefusesLessThanOne() {
        assertThatThrownBy(() -> FleetPolicy.minimumHealthy(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(">= 1");
    }
}
