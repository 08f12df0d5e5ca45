package io.healthmonitor.testing;

import io.healthmonitor.CheckContext;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.Schedule;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StubHealthCheckTest {

    @Test
    void isHealthyUntilToldOtherwise() throws Exception {
        StubHealthCheck stub = new StubHealthCheck();
        HealthAssertions.assertThat(stub.check(CheckContext.of("test", Duration.ofSeconds(5)))).isHealthy().hasNoMessage();
        assertThat(stub.invocations()).isEqualTo(1);
    }

    @Test
    void switchesResultsAndFailuresAtRunTime() throws InterruptedException {
        StubHealthCheck stub = new StubHealthCheck();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("db", stub).schedule(Schedule.onDemand(Duration.ZERO)).build())
                .build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            HealthAssertions.assertThat(monitor.report()).isHealthy();

            stub.setResult(HealthResult.degraded("replica lag").withDetail("lagSeconds", 12));
            HealthAssertions.assertThat(monitor.report()).isDegraded()
                    .hasCheck("db").isDegraded().withMessage("replica lag").withDetail("lagSeconds", 12L);

            stub.setFailure(new SQLException("Connection is closed"));
            HealthAssertions.assertThat(monitor.report()).isUnhealthy()
                    .hasCheck("db").withErrorContaining("java.sql.SQLException: Connection is closed");

            stub.setResult(HealthResult.healthy());
            HealthAssertions.assertThat(monitor.report()).isHealthy().hasCheck("db").withoutError();
            assertThat(stub.invocations()).as("the start-up run and four reports").isEqualTo(5);
        }
    }

    @Test
    void cachedResultsDoNotInvokeTheStubAgainUntilTheClockMoves() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        StubHealthCheck stub = new StubHealthCheck();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock)
                .register(CheckRegistration.builder("db", stub).schedule(Schedule.onDemand(Duration.ofSeconds(1))).build())
                .build()) {
            HealthAssertions.assertThat(monitor.report()).isHealthy();
            stub.setResult(HealthResult.unhealthy("down"));
            HealthAssertions.assertThat(monitor.report()).isHealthy();
            assertThat(stub.invocations()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(4)); // past the TTL and the max staleness (TTL + 2 s timeout)
            HealthAssertions.assertThat(monitor.report()).isUnhealthy().hasCheck("db").withMessage("down");
            assertThat(stub.invocations()).isEqualTo(2);
        }
    }

    @Test
    void throwsErrorsAsIsAndWrapsBareThrowables() {
        StubHealthCheck stub = new StubHealthCheck();
        OutOfMemoryError error = new OutOfMemoryError("heap");
        stub.setFailure(error);
        assertThatThrownBy(() -> stub.check(CheckContext.of("test", Duration.ofSeconds(5)))).isSameAs(error);
        Throwable bare = new Throwable("odd");
        stub.setFailure(bare);
        assertThatThrownBy(() -> stub.check(CheckContext.of("test", Duration.ofSeconds(5)))).isInstanceOf(UndeclaredThrowableException.class).hasCause(bare);
        assertThat(stub.invocations()).isEqualTo(2);
    }

    @Test
    void rejectsNulls() {
        StubHealthCheck stub = new StubHealthCheck(HealthResult.of(HealthStatus.DEGRADED, null));
        assertThatThrownBy(() -> stub.setResult(null)).isInstanceOf(NullPointerException.class).hasMessage("result");
        assertThatThrownBy(() -> stub.setFailure(null)).isInstanceOf(NullPointerException.class).hasMessage("failure");
        assertThatThrownBy(() -> new StubHealthCheck(null)).isInstanceOf(NullPointerException.class).hasMessage("initial");
        assertThat(stub).hasToString("StubHealthCheck[" + HealthResult.of(HealthStatus.DEGRADED, null) + ", invocations=0]");
    }
}
