package io.healthmonitor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthmonitor.HealthMonitor;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ThrowingHealthCheckTest {

    @Test
    void throwsTheSameFailureOnEveryInvocation() {
        ConnectException refused = new ConnectException("Connection refused");
        ThrowingHealthCheck check = new ThrowingHealthCheck(refused);
        assertThatThrownBy(check::check).isSameAs(refused);
        assertThatThrownBy(check::check).isSameAs(refused);
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
        assertThatThrownBy(new ThrowingHealthCheck(error)::check).isSameAs(error);
        Throwable bare = new Throwable("odd");
        assertThatThrownBy(new ThrowingHealthCheck(bare)::check)
                .isInstanceOf(UndeclaredThrowableException.class).hasCause(bare);
        assertThatThrownBy(() -> new ThrowingHealthCheck(null)).isInstanceOf(NullPointerException.class).hasMessage("failure");
    }
}
