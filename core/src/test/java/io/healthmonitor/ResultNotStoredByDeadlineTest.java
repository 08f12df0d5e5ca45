package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A check that returned in time, whose result the worker was still storing well after the
 * deadline (a 5 MB message redacted on a loaded machine took that long): the report says so, and
 * does not blame an interrupt that never happened (LongMessageTest failed that way under load).
 */
class ResultNotStoredByDeadlineTest {

    /** The system's time, except that a worker asking for it while {@link #hold} is set waits for {@link #release}. */
    private static final class HoldingClock implements InstantSource {
        private final Thread reporter = Thread.currentThread();
        private final CountDownLatch release = new CountDownLatch(1);
        private final CountDownLatch held = new CountDownLatch(1);
        volatile boolean hold;

        @Override
        public Instant instant() {
            if (hold && Thread.currentThread() != reporter) {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Instant.now();
        }
    }

    @Test
    void aResultStillBeingStoredAfterTheDeadlineIsNotReportedAsAnInterrupt() throws InterruptedException {
        HoldingClock clock = new HoldingClock();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock)
                .register(CheckRegistration.builder("database", ctx -> HealthResult.healthy())
                        .timeout(Duration.ofMillis(100)).schedule(Schedule.onDemand(Duration.ZERO)).build())
                .build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            clock.hold = true;   // the worker stores the next result with the clock's time: it waits there

            CheckResult shown = monitor.report().check("database").orElseThrow();

            assertThat(clock.held.await(0, TimeUnit.SECONDS)).as("the worker was storing the result").isTrue();
            assertThat(shown.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(shown.message()).isEqualTo("not finished: its result, due by the deadline, was still not stored "
                    + ReportRun.DELIVERY_GRACE.toMillis() + " ms after it");
            clock.hold = false;
            clock.release.countDown();
        }
    }
}
