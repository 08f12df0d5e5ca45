package io.healthmonitor.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FleetKeysTest {

    @Test
    void acceptsServicesAndInstancesTheKeyRulesAllow() {
        assertThat(FleetKeys.service("orders-api_v2")).isEqualTo("orders-api_v2");
        assertThat(FleetKeys.instance("ip-10-0-0-1.ec2.internal-8080")).isEqualTo("ip-10-0-0-1.ec2.internal-8080");
    }

    @Test
    void refusesADotInTheServiceWithAMessageThatSaysWhy() {
        assertThatThrownBy(() -> FleetKeys.service("orders.api")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no dot").hasMessageContaining("'orders.api'");
    }

    @Test
    void refusesInstancesJetStreamKeysDoNotAllow() {
        for (String bad : new String[] {"", "a b", "a*", "a>", ".a", "a.", "a..b", "x".repeat(129), "ünï"}) {
            assertThatThrownBy(() -> FleetKeys.instance(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("instance id");
        }
    }

    @Test
    void sanitizesHostNamesIntoValidInstanceIds() {
        assertThat(FleetKeys.sanitizeInstance("my host*name..local.")).isEqualTo("my_host_name.local");
        assertThat(FleetKeys.sanitizeInstance("...")).isEqualTo("unknown");
        assertThat(FleetKeys.instance(FleetKeys.sanitizeInstance("é".repeat(300)))).hasSizeLessThanOrEqualTo(128);
    }

    @Test
    void splitsKeysAtTheFirstDotAndRefusesOthers() {
        assertThat(FleetKeys.split("orders.host.local")).containsExactly("orders", "host.local");
        assertThat(FleetKeys.split("orders")).isNull();
        assertThat(FleetKeys.split(".x")).isNull();
        assertThat(FleetKeys.split("orders.")).isNull();
    }
}
