package io.healthmonitor.testing;

import io.healthmonitor.CheckContext;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthResultAssertTest {

    /** A monitor is itself a check: its result maps every check's name to its status label. */
    private static HealthResult nestedMonitor() {
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register("db", new StubHealthCheck(HealthResult.unhealthy("connection refused")))
                .register(CheckRegistration.builder("cache", new StubHealthCheck()).critical(false).build())
                .build()) {
            return monitor.check(CheckContext.of("test", Duration.ofSeconds(5)));
        }
    }

    @Test
    void passesOnStatusMessageDetailsAndError() {
        HealthAssertions.assertThat(nestedMonitor())
                .isUnhealthy()
                .hasStatus(HealthStatus.UNHEALTHY)
                .hasMessage("1 of 2 checks not healthy: db (unhealthy)")
                .hasMessageContaining("db (unhealthy)")
                .hasDetail("db", "unhealthy")
                .hasDetail("cache", "healthy")
                .hasNoError();
        HealthAssertions.assertThat(HealthResult.healthy()).isHealthy().hasNoMessage().hasNoDetails().hasNoError();
        HealthAssertions.assertThat(HealthResult.degraded("slow")).isDegraded();
        HealthAssertions.assertThat(HealthResult.unhealthy(new ConnectException("Connection refused")))
                .hasErrorInstanceOf(IOException.class)
                .hasErrorMessageContaining("refused");
    }

    @Test
    void statusFailuresShowTheWholeResult() {
        assertThatThrownBy(() -> HealthAssertions.assertThat(nestedMonitor()).isHealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the health result to have status healthy but it was unhealthy")
                .hasMessageContaining("result: status=unhealthy, message=\"1 of 2 checks not healthy: db (unhealthy)\", "
                        + "details={\"db\":\"unhealthy\",\"cache\":\"healthy\"}, error=none");
        assertThatThrownBy(() -> HealthAssertions.assertThat(HealthResult.healthy()).isDegraded())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have status degraded but it was healthy");
        assertThatThrownBy(() -> HealthAssertions.assertThat(HealthResult.healthy()).isUnhealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have status unhealthy but it was healthy");
    }

    @Test
    void messageFailuresShowTheActualMessage() {
        assertThatThrownBy(() -> HealthAssertions.assertThat(HealthResult.degraded("slow")).hasMessage("fast"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have message \"fast\" but it was \"slow\"");
        assertThatThrownBy(() -> HealthAssertions.assertThat(HealthResult.healthy()).hasMessageContaining("slow"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have a message containing \"slow\" but it was none");
        assertThatThrownBy(() -> HealthAssertions.assertThat(HealthResult.degraded("slow")).hasNoMessage())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have no message but it was \"slow\"");
    }

    @Test
    void detailFailuresSayWhatIsMissingOrDifferent() {
        HealthResult result = HealthResult.healthy().withDetail("freeBytes", 2048L);
        HealthAssertions.assertThat(result).hasDetail("freeBytes", 2048);
        assertThatThrownBy(() -> HealthAssertions.assertThat(result).hasDetail("freeBytes", 1024))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have detail \"freeBytes\" = 1024 (Integer) but it was 2048 (Long)");
        assertThatThrownBy(() -> HealthAssertions.assertThat(result).hasDetail("usedBytes", 1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no such key; keys present: [freeBytes]");
        assertThatThrownBy(() -> HealthAssertions.assertThat(result).hasNoDetails())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have no details but it has [freeBytes]");
    }

    @Test
    void errorFailuresNameTheActualError() {
        HealthResult refused = HealthResult.unhealthy(new ConnectException("Connection refused"));
        assertThatThrownBy(() -> HealthAssertions.assertThat(refused).hasErrorInstanceOf(IllegalStateException.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have an error of type java.lang.IllegalStateException but it was java.net.ConnectException")
                .hasMessageContaining("error=java.net.ConnectException: Connection refused");
        assertThatThrownBy(() -> HealthAssertions.assertThat(refused).hasErrorMessageContaining("timeout"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have an error whose message contains \"timeout\" but it was \"Connection refused\"");
        assertThatThrownBy(() -> HealthAssertions.assertThat(refused).hasNoError())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have no error but it was java.net.ConnectException: Connection refused");
        assertThatThrownBy(() -> HealthAssertions.assertThat(HealthResult.healthy()).hasErrorInstanceOf(Exception.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have an error of type java.lang.Exception but it was none");
        assertThatThrownBy(() -> HealthAssertions.assertThat(HealthResult.healthy()).hasErrorMessageContaining("x"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but it was no error");
    }

    @Test
    void failuresMaskTheCredentialsACheckPutInItsResult() {
        // A result straight from check(context) has not been through the engine, which masks reports.
        HealthResult leaky = HealthResult.unhealthy("GET http://svc:hunter22@10.0.0.7/health?token=tok3n failed",
                        new IllegalStateException("password=hunter22"))
                .withDetail("url", "http://svc:hunter22@10.0.0.7/health")
                .withDetail("apiKey", "k3y-value")
                .withDetail("client", Map.of("secret", "n3sted"));
        for (ThrowingCallable failing : List.<ThrowingCallable>of(
                () -> HealthAssertions.assertThat(leaky).isHealthy(),
                () -> HealthAssertions.assertThat(leaky).hasMessage("other"),
                () -> HealthAssertions.assertThat(leaky).hasMessageContaining("other"),
                () -> HealthAssertions.assertThat(leaky).hasNoMessage(),
                () -> HealthAssertions.assertThat(leaky).hasNoError(),
                () -> HealthAssertions.assertThat(leaky).hasErrorMessageContaining("other"),
                () -> HealthAssertions.assertThat(leaky).hasDetail("apiKey", "other"),
                () -> HealthAssertions.assertThat(leaky).hasDetail("url", "other"),
                () -> HealthAssertions.assertThat(leaky).hasDetail("client.secret", "other"))) {
            assertThatThrownBy(failing)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("***")
                    .satisfies(failure -> assertThat(failure.getMessage())
                            .doesNotContain("hunter22", "tok3n", "k3y-value", "n3sted"));
        }
    }

    @Test
    void failsOnANullResult() {
        assertThatThrownBy(() -> HealthAssertions.assertThat((HealthResult) null).isHealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting actual not to be null");
    }
}
