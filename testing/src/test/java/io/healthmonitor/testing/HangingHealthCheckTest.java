package io.healthmonitor.testing;

import io.healthmonitor.CheckContext;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HangingHealthCheckTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void isUnhealthyAtTheDeadlineAndRecordsTheEnginesInterruption() throws InterruptedException {
        HangingHealthCheck hanging = new HangingHealthCheck();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("db", hanging).timeout(Duration.ofMillis(100))
                        .startupTimeout(Duration.ofMillis(100)).build())
                .build()) {
            HealthAssertions.assertThat(monitor.report()).isUnhealthy()
                    .hasCheck("db").isUnhealthy().withMessageContaining("timed out");
            assertThat(hanging.awaitInterruptions(1, WAIT)).as("%s", hanging).isTrue();
            assertThat(hanging.awaitNoneBlocked(WAIT)).as("%s", hanging).isTrue();
            assertThat(hanging.invocations()).isEqualTo(1);
            assertThat(hanging.interruptions()).isEqualTo(1);
        } finally {
            hanging.release();
        }
    }

    @Test
    void blocksUntilReleasedThenReturnsItsResult() throws Exception {
        HangingHealthCheck hanging = new HangingHealthCheck(HealthResult.degraded("recovered slowly"));
        CompletableFuture<HealthResult> invocation = CompletableFuture.supplyAsync(() -> {
            try {
                return hanging.check(CheckContext.of("test", Duration.ofSeconds(5)));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> new Thread(runnable, "hanging-check").start());
        assertThat(hanging.awaitInvocations(1, WAIT)).isTrue();
        assertThat(hanging.blocked()).isEqualTo(1);
        assertThat(invocation).isNotDone();
        assertThat(hanging.isReleased()).isFalse();

        hanging.release();
        HealthAssertions.assertThat(invocation.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isDegraded().hasMessage("recovered slowly");
        assertThat(hanging.isReleased()).isTrue();
        assertThat(hanging.awaitNoneBlocked(WAIT)).isTrue();
        assertThat(hanging.interruptions()).isZero();
        HealthAssertions.assertThat(hanging.check(CheckContext.of("test", Duration.ofSeconds(5)))).isDegraded();
        assertThat(hanging.invocations()).isEqualTo(2);
    }

    @Test
    void anInterruptedInvocationThrowsInterruptedException() throws Exception {
        HangingHealthCheck hanging = new HangingHealthCheck();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                hanging.check(CheckContext.of("test", Duration.ofSeconds(5)));
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        }, "hanging-check");
        thread.start();
        assertThat(hanging.awaitInvocations(1, WAIT)).isTrue();
        thread.interrupt();
        assertThat(outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(hanging.interruptions()).isEqualTo(1);
        assertThat(hanging.blocked()).isZero();
    }

    @Test
    void boundedWaitsReturnFalseWhenNothingHappens() throws InterruptedException {
        HangingHealthCheck hanging = new HangingHealthCheck();
        assertThat(hanging.awaitInvocations(1, Duration.ofMillis(20))).isFalse();
        assertThat(hanging.awaitInterruptions(1, Duration.ZERO)).isFalse();
        assertThat(hanging.awaitNoneBlocked(Duration.ZERO)).isTrue();
        assertThat(hanging).hasToString("HangingHealthCheck[hanging, invocations=0, interruptions=0, blocked=0]");
        assertThatThrownBy(() -> new HangingHealthCheck(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void doesNotLeaveReportsWaitingOnceReleased() throws ExecutionException, InterruptedException {
        HangingHealthCheck hanging = new HangingHealthCheck();
        hanging.release();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).register("db", hanging).build()) {
            HealthAssertions.assertThat(monitor.report()).isHealthy();
        }
        assertThat(hanging.invocations()).isEqualTo(1);
    }
}
