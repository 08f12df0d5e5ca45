package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CheckContextTest {

    private final MutableClock clock = MutableClock.atEpochPlusOneDay();

    @Test
    void givesTheCheckItsNameDeadlineAndClock() throws InterruptedException {
        AtomicReference<CheckContext> seen = new AtomicReference<>();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock)
                .register(CheckRegistration.builder("db", ctx -> {
                    seen.set(ctx);
                    return HealthResult.healthy();
                }).timeout(Duration.ofMillis(800)).startupTimeout(Duration.ofSeconds(3)).build())
                .build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            CheckContext first = seen.get();
            assertThat(first.name()).isEqualTo("db");
            assertThat(first.clock()).isSameAs(clock);
            assertThat(first.timeout()).as("the first invocation has the start-up deadline").isEqualTo(Duration.ofSeconds(3));
            assertThat(first.deadline()).isEqualTo(clock.instant().plusSeconds(3));

            clock.advance(Duration.ofMinutes(1));
            monitor.report();
            CheckContext later = seen.get();
            assertThat(later).isNotSameAs(first);
            assertThat(later.timeout()).isEqualTo(Duration.ofMillis(800));
            assertThat(later.deadline()).isEqualTo(clock.instant().plusMillis(800));
            assertThat(later.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(800));
        }
    }

    @Test
    void neverReportsNegativeRemainingTimeAndKeepsAMarginForTheClient() throws InterruptedException {
        CheckContext context = CheckContext.of("db", Duration.ofMillis(30), clock);
        Duration client = context.clientTimeout();
        assertThat(client).as("a tenth of the timeout is kept to report").isLessThanOrEqualTo(Duration.ofMillis(27));
        assertThat(CheckContext.of("db", Duration.ofSeconds(10)).clientTimeout())
                .as("at most 100 ms are kept").isGreaterThan(Duration.ofMillis(9_800));

        long until = System.nanoTime() + Duration.ofMillis(40).toNanos();
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(context.expired()).isTrue();
        assertThat(context.remaining()).isZero();
        assertThat(context.clientTimeout()).as("never zero, which means forever to many clients")
                .isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> CheckContext.of("db", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be > 0");
        assertThatThrownBy(() -> CheckContext.of(null, Duration.ofSeconds(1))).isInstanceOf(NullPointerException.class)
                .hasMessage("name");
        assertThat(CheckContext.of("db", Duration.ofSeconds(1), clock).deadline())
                .isEqualTo(Instant.parse("2026-01-01T00:00:01Z"));
    }

    @Test
    void anAsyncCheckCanBeCalledAsABlockingOneWithinItsDeadline() throws Exception {
        CompletableFuture<HealthResult> never = new CompletableFuture<>();
        AsyncHealthCheck hanging = ctx -> never;
        AsyncHealthCheck answering = ctx -> CompletableFuture.completedFuture(HealthResult.degraded("lagging"));
        AsyncHealthCheck failing = ctx -> CompletableFuture.failedFuture(new IllegalStateException("nope"));

        assertThatThrownBy(() -> hanging.check(CheckContext.of("x", Duration.ofMillis(20))))
                .isInstanceOf(TimeoutException.class);
        assertThat(never).isCancelled();
        assertThat(answering.check(CheckContext.of("x", Duration.ofSeconds(1))).status()).isEqualTo(HealthStatus.DEGRADED);
        assertThatThrownBy(() -> failing.check(CheckContext.of("x", Duration.ofSeconds(1))))
                .isInstanceOf(IllegalStateException.class).hasMessage("nope");
    }
}
