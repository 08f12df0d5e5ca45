package io.healthmonitor.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckResultAssertTest {

    private static final HealthResult POOL = HealthResult.unhealthy("connection refused")
            .withDetail("pool", Map.of("active", 10L))
            .withDetail("latencyMillis", 3)
            .withDetail("url", "jdbc:postgresql://db/app")
            .withDetail("ratio", 0.5)
            .withDetail("hosts", List.of("a", "b"));

    private static CheckResult run(CheckRegistration registration) {
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).register(registration).build()) {
            return monitor.report().check(registration.name()).orElseThrow();
        }
    }

    private static CheckResult run(String name, HealthCheck check) {
        return run(CheckRegistration.builder(name, check).tags(CheckRegistration.READINESS).build());
    }

    private static CheckResult pool() {
        return run("db", new StubHealthCheck(POOL));
    }

    @Test
    void passesWhenEveryPropertyMatches() {
        HealthAssertions.assertThat(pool())
                .withStatus(HealthStatus.UNHEALTHY)
                .isUnhealthy()
                .withMessage("connection refused")
                .withMessageContaining("refused")
                .withDetail("pool.active", 10)
                .withDetail("latencyMillis", 3L)
                .withDetail("ratio", 0.5f)
                .withDetail("hosts", List.of("a", "b"))
                .withDetail("pool", Map.of("active", 10))
                .withoutDetail("pool.idle")
                .withoutError()
                .respondedWithin(Duration.ofSeconds(10))
                .isCritical()
                .withTag(CheckRegistration.READINESS);
    }

    @Test
    void withStatusFailureNamesTheCheckAndShowsItsWholeResult() {
        CheckResult healthy = run("db", new StubHealthCheck(HealthResult.healthy("all good").withDetail("pool", Map.of("active", 10))));
        assertThatThrownBy(() -> HealthAssertions.assertThat(healthy).withStatus(HealthStatus.UNHEALTHY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting check \"db\" to have status unhealthy but it was healthy")
                .hasMessageContaining("check \"db\": status=healthy, critical=true, duration=")
                .hasMessageContaining(" ms, message=\"all good\", details={\"pool\":{\"active\":10}}, error=none, tags=[readiness]");
        assertThatThrownBy(() -> HealthAssertions.assertThat(healthy).isDegraded())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have status degraded but it was healthy");
        assertThatThrownBy(() -> HealthAssertions.assertThat(pool()).isHealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have status healthy but it was unhealthy");
    }

    @Test
    void numericDetailsCompareByValueWhateverTheirType() {
        CheckResult numbers = run("numbers", new StubHealthCheck(HealthResult.healthy()
                .withDetail("int", 10).withDetail("long", 10L).withDetail("short", (short) 10)
                .withDetail("big", BigInteger.TEN).withDetail("decimal", new BigDecimal("10.00")).withDetail("double", 10.0)));
        for (String key : List.of("int", "long", "short", "big", "decimal", "double")) {
            HealthAssertions.assertThat(numbers).withDetail(key, 10).withDetail(key, 10L).withDetail(key, 10.0)
                    .withDetail(key, new BigDecimal("10"));
        }
        assertThatThrownBy(() -> HealthAssertions.assertThat(numbers).withDetail("long", 11))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting check \"numbers\" to have detail \"long\" = 11 (Integer) but it was 10 (Long)");
        assertThatThrownBy(() -> HealthAssertions.assertThat(numbers).withDetail("double", 10.5))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have detail \"double\" = 10.5 (Double) but it was 10.0 (Double)");
        assertThatThrownBy(() -> HealthAssertions.assertThat(numbers).withDetail("int", "10"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have detail \"int\" = \"10\" but it was 10 (Integer)");
    }

    @Test
    void aMissingDetailListsTheKeysPresent() {
        assertThatThrownBy(() -> HealthAssertions.assertThat(pool()).withDetail("poolSize", 10))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting check \"db\" to have detail \"poolSize\" = 10 (Integer) but there is no such key; "
                        + "keys present: [pool, latencyMillis, url, ratio, hosts]")
                .hasMessageContaining("message=\"connection refused\"");
        assertThatThrownBy(() -> HealthAssertions.assertThat(pool()).withDetail("pool.idle", 1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no such key; keys present: [active]");
        assertThatThrownBy(() -> HealthAssertions.assertThat(pool()).withoutDetail("pool.active"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have no detail \"pool.active\" but it was 10 (Long)");
    }

    @Test
    void aLiteralKeyWithADotWinsOverANestedPath() {
        CheckResult dotted = run("db", new StubHealthCheck(HealthResult.healthy().withDetail("pool.active", 4)));
        HealthAssertions.assertThat(dotted).withDetail("pool.active", 4);
        assertThatThrownBy(() -> HealthAssertions.assertThat(dotted).withDetail("pool.active", 10))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have detail \"pool.active\" = 10 (Integer) but it was 4 (Integer)");
    }

    @Test
    void listAndMapDetailsCompareElementByElement() {
        assertThatThrownBy(() -> HealthAssertions.assertThat(pool()).withDetail("hosts", List.of("a")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have detail \"hosts\" = [\"a\"] but it was [\"a\",\"b\"]");
        assertThatThrownBy(() -> HealthAssertions.assertThat(pool()).withDetail("pool", Map.of("active", 11)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have detail \"pool\" = {\"active\":11}");
    }

    @Test
    void messageAssertionsFailWithTheActualMessage() {
        assertThatThrownBy(() -> HealthAssertions.assertThat(pool()).withMessage("refused"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting check \"db\" to have message \"refused\" but it was \"connection refused\"");
        assertThatThrownBy(() -> HealthAssertions.assertThat(pool()).withMessageContaining("timeout"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have a message containing \"timeout\" but it was \"connection refused\"");
        assertThatThrownBy(() -> HealthAssertions.assertThat(pool()).withoutMessage())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have no message but it was \"connection refused\"");
        CheckResult silent = run("quiet", new StubHealthCheck());
        HealthAssertions.assertThat(silent).withoutMessage();
        assertThatThrownBy(() -> HealthAssertions.assertThat(silent).withMessageContaining("x"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have a message containing \"x\" but it was none");
    }

    @Test
    void errorAssertionsReadTheErrorSummary() {
        CheckResult thrown = run("db", new ThrowingHealthCheck(new IllegalStateException("pool exhausted")));
        HealthAssertions.assertThat(thrown).isUnhealthy()
                .withErrorContaining("java.lang.IllegalStateException: pool exhausted");
        assertThatThrownBy(() -> HealthAssertions.assertThat(thrown).withoutError())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting check \"db\" to have no error but it was "
                        + "\"java.lang.IllegalStateException: pool exhausted\"");
        assertThatThrownBy(() -> HealthAssertions.assertThat(pool()).withErrorContaining("Exception"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have an error containing \"Exception\" but it was none");
    }

    @Test
    void respondedWithinFailsForACheckThatTimedOut() throws InterruptedException {
        HangingHealthCheck hanging = new HangingHealthCheck();
        try {
            CheckResult timedOut = run(CheckRegistration.builder("slow", hanging).timeout(Duration.ofMillis(50))
                    .startupTimeout(Duration.ofMillis(50)).build());
            HealthAssertions.assertThat(timedOut).isUnhealthy().respondedWithin(Duration.ofSeconds(30));
            assertThatThrownBy(() -> HealthAssertions.assertThat(timedOut).respondedWithin(Duration.ofMillis(10)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expecting check \"slow\" to respond within 10.000 ms but it took ")
                    .hasMessageContaining("check \"slow\": status=unhealthy");
            assertThatThrownBy(() -> HealthAssertions.assertThat(timedOut).respondedWithin(Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            hanging.release();
        }
    }

    @Test
    void criticalityAndTagsFail() {
        CheckResult optional = run(CheckRegistration.builder("cache", new StubHealthCheck()).critical(false).build());
        HealthAssertions.assertThat(optional).isNotCritical();
        assertThatThrownBy(() -> HealthAssertions.assertThat(optional).isCritical())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting check \"cache\" to be critical but it is not");
        assertThatThrownBy(() -> HealthAssertions.assertThat(pool()).isNotCritical())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting check \"db\" to be non-critical but it is critical");
        assertThatThrownBy(() -> HealthAssertions.assertThat(pool()).withTag("liveness"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have tag \"liveness\" but its tags are [readiness]");
    }

    @Test
    void failsOnANullCheckResult() {
        assertThatThrownBy(() -> HealthAssertions.assertThat((CheckResult) null).isHealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting actual not to be null");
    }
}
