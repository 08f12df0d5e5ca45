package io.healthmonitor.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import org.junit.jupiter.api.Test;

class HealthReportAssertTest {

    private static HealthReport report(HealthResult db, HealthResult cache) {
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register("db", new StubHealthCheck(db))
                .register(CheckRegistration.builder("cache", new StubHealthCheck(cache)).critical(false).build())
                .build()) {
            return monitor.report();
        }
    }

    private static HealthReport healthy() {
        return report(HealthResult.healthy(), HealthResult.healthy());
    }

    private static HealthReport degraded() {
        return report(HealthResult.healthy(), HealthResult.unhealthy("cache down").withDetail("evictions", 7));
    }

    private static HealthReport unhealthy() {
        return report(HealthResult.unhealthy("connection refused"), HealthResult.healthy());
    }

    @Test
    void passesOnTheReportsStatus() {
        HealthAssertions.assertThat(healthy()).isHealthy().hasStatus(HealthStatus.HEALTHY).hasOnlyHealthyChecks();
        HealthAssertions.assertThat(degraded()).isDegraded().hasStatus(HealthStatus.DEGRADED);
        HealthAssertions.assertThat(unhealthy()).isUnhealthy().hasStatus(HealthStatus.UNHEALTHY);
    }

    @Test
    void isHealthyFailsShowingEveryCheck() {
        assertThatThrownBy(() -> HealthAssertions.assertThat(degraded()).isHealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the health report to be healthy but it was degraded")
                .hasMessageContaining("check \"db\": status=healthy, critical=true")
                .hasMessageContaining("check \"cache\": status=unhealthy, critical=false")
                .hasMessageContaining("message=\"cache down\"")
                .hasMessageContaining("details={\"evictions\":7}");
    }

    @Test
    void isDegradedAndIsUnhealthyFailOnAnotherStatus() {
        assertThatThrownBy(() -> HealthAssertions.assertThat(unhealthy()).isDegraded())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be degraded but it was unhealthy")
                .hasMessageContaining("message=\"connection refused\"");
        assertThatThrownBy(() -> HealthAssertions.assertThat(healthy()).isUnhealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be unhealthy but it was healthy");
        assertThatThrownBy(() -> HealthAssertions.assertThat(healthy()).hasStatus(HealthStatus.DEGRADED))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be degraded but it was healthy");
    }

    @Test
    void hasCheckReturnsAssertionsOnThatCheck() {
        HealthAssertions.assertThat(degraded()).hasCheck("cache").withStatus(HealthStatus.UNHEALTHY).isNotCritical();
        assertThatThrownBy(() -> HealthAssertions.assertThat(degraded()).hasCheck("cache").withStatus(HealthStatus.HEALTHY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting check \"cache\" to have status healthy but it was unhealthy");
    }

    @Test
    void hasCheckFailsListingTheChecksPresent() {
        assertThatThrownBy(() -> HealthAssertions.assertThat(healthy()).hasCheck("queue"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have a check named \"queue\" but its checks are [db, cache]");
    }

    @Test
    void hasChecksNeedsEveryName() {
        HealthAssertions.assertThat(healthy()).hasChecks("cache", "db").hasChecks("db");
        assertThatThrownBy(() -> HealthAssertions.assertThat(healthy()).hasChecks("db", "queue", "mail"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have checks [db, queue, mail] but [queue, mail] are missing; its checks are [db, cache]");
    }

    @Test
    void hasExactlyChecksNeedsTheSameNamesInRegistrationOrder() {
        HealthAssertions.assertThat(healthy()).hasExactlyChecks("db", "cache");
        assertThatThrownBy(() -> HealthAssertions.assertThat(healthy()).hasExactlyChecks("cache", "db"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have exactly the checks [cache, db] in this order but its checks are [db, cache]");
        assertThatThrownBy(() -> HealthAssertions.assertThat(healthy()).hasExactlyChecks("db"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but its checks are [db, cache]");
    }

    @Test
    void doesNotHaveCheckFailsWhenTheCheckIsThere() {
        HealthAssertions.assertThat(healthy()).doesNotHaveCheck("queue");
        assertThatThrownBy(() -> HealthAssertions.assertThat(healthy()).doesNotHaveCheck("db"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not to have a check named \"db\" but it has one");
    }

    @Test
    void hasOnlyHealthyChecksNamesTheOthers() {
        assertThatThrownBy(() -> HealthAssertions.assertThat(degraded()).hasOnlyHealthyChecks())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have only healthy checks but these are not: [cache (unhealthy)]");
    }

    @Test
    void failsOnANullReport() {
        assertThatThrownBy(() -> HealthAssertions.assertThat((HealthReport) null).isHealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting actual not to be null");
    }

    @Test
    void keepsTheCallersDescription() {
        assertThatThrownBy(() -> HealthAssertions.assertThat(unhealthy()).as("after failover").isHealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("[after failover]")
                .hasMessageContaining("to be healthy but it was unhealthy");
    }
}
