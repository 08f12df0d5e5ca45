package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** A result is stamped with the time its check finished, on the system clock as on a test clock. */
class ObservedAtTest {

    private static final Duration CHECK_TAKES = Duration.ofMillis(30);

    @Test
    void stampsAResultOnTheSystemClockWhenItsCheckFinished() throws InterruptedException {
        // A dependency that answers after 30 ms; waits out spurious wake-ups.
        HealthCheck slowDependency = ctx -> {
            long until = System.nanoTime() + CHECK_TAKES.toNanos();
            while (System.nanoTime() - until < 0) {
                LockSupport.parkNanos(until - System.nanoTime());
            }
            return HealthResult.healthy();
        };
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("slow", slowDependency).schedule(Schedule.onDemand(Duration.ZERO)).build())
                .build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            Instant before = Instant.now();

            HealthReport report = monitor.report();
            Instant after = Instant.now();

            Instant observedAt = report.check("slow").orElseThrow().observedAt();
            assertThat(observedAt).isBetween(before.plus(CHECK_TAKES), after);
            assertThat(Duration.between(report.timestamp(), observedAt)).isGreaterThanOrEqualTo(CHECK_TAKES);
        }
    }

    @Test
    void stampsAResultOnATestClockWithTheClocksTimeWhenItsCheckFinished() throws InterruptedException {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        HealthCheck advancesTheClock = ctx -> {
            clock.advance(Duration.ofSeconds(5));
            return HealthResult.healthy();
        };
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock)
                .register(CheckRegistration.builder("advancing", advancesTheClock).schedule(Schedule.onDemand(Duration.ZERO)).build())
                .build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            Instant requested = clock.instant();

            HealthReport report = monitor.report();

            assertThat(report.timestamp()).isEqualTo(requested);
            assertThat(report.check("advancing").orElseThrow().observedAt()).isEqualTo(requested.plusSeconds(5));
        }
    }
}
