package io.healthmonitor.testing;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthMonitor;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThrowingHealthCheckTest {

    @Test
    void throwsTheSameFailureOnEveryInvocation() {
        ConnectException refused = new ConnectException("Connection refused");
        ThrowingHealthCheck check = new ThrowingHealthCheck(refused);
        assertThatThrownBy(() -> check.check(CheckContext.of("test", Duration.ofSeconds(5)))).isSameAs(refused);
        assertThatThrownBy(() -> check.check(CheckContext.of("test", Duration.ofSeconds(5)))).isSameAs(refused);
        assertThat(check.invocations()).isEqualTo(2);
        assertThat(check.failure()).isSameAs(refused);
    }

    @Test
    void isReportedUnhealthyWithTheFailure() {
        ThrowingHealthCheck check = new ThrowingHealthCheck(new ConnectException("Connection refused"));
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).register("db", check).build()) {
            HealthAssertions.assertThat(monitor.report()).isUnhealthy()
                    .hasCheck("db").isUnhealthy().withErrorContaining("java.net.ConnectException: Connection refused");
        }
        assertThat(check.invocations()).isEqualTo(1);
    }

    @Test
    void throwsErrorsAsIsAndWrapsBareThrowables() {
        StackOverflowError error = new StackOverflowError();
        assertThatThrownBy(() -> new ThrowingHealthCheck(error).check(CheckContext.of("test", Duration.ofSeconds(5)))).isSameAs(error);
        Throwable bare = new Throwable("odd");
        assertThatThrownBy(() -> new ThrowingHealthCheck(bare).check(CheckContext.of("test", Duration.ofSeconds(5))))
                .isInstanceOf(UndeclaredThrowableException.class).hasCause(bare);
        assertThatThrownBy(() -> new ThrowingHealthCheck(null)).isInstanceOf(NullPointerException.class).hasMessage("failure");
    }
}
