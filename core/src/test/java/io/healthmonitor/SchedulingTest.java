package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedulingTest {

    private final MutableClock clock = MutableClock.atEpochPlusOneDay();

    @Test
    void servesTheCachedResultUntilTheTtlExpires() {
        Checks.Counting check = new Checks.Counting();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock).executor(Runnable::run)
                .register(CheckRegistration.builder("db", check).schedule(Schedule.onDemand(Duration.ofSeconds(5))).build())
                .build()) {
            monitor.report();
            clock.advance(Duration.ofMillis(4999));
            monitor.report();
            assertThat(check.invocations.get()).isEqualTo(1);

            clock.advance(Duration.ofMillis(1));
            monitor.report();
            assertThat(check.invocations.get()).isEqualTo(2);
        }
    }

    @Test
    void defaultsToAOneSecondCache() {
        Checks.Counting check = new Checks.Counting();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock).executor(Runnable::run)
                .register("db", check).build()) {
            monitor.report();
            clock.advance(Duration.ofMillis(999));
            monitor.report();
            clock.advance(Duration.ofMillis(1));
            monitor.report();
            assertThat(check.invocations.get()).isEqualTo(2);
        }
    }

    @Test
    void coalescesConcurrentRequestsIntoOneInvocation() throws Exception {
        // The clock stands still, so the result stays fresh: callers that come while the check
        // runs join its invocation, callers that come after it get its cached result.
        Checks.Blocking check = new Checks.Blocking(false);
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock)
                .register(CheckRegistration.builder("db", check).timeout(Duration.ofSeconds(30)).build())
                .build()) {
            List<Future<HealthReport>> reports = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                reports.add(callers.submit(() -> monitor.report()));
            }
            assertThat(check.started.await(10, TimeUnit.SECONDS)).isTrue();
            check.release.countDown();
            for (Future<HealthReport> report : reports) {
                assertThat(report.get(10, TimeUnit.SECONDS).status()).isEqualTo(HealthStatus.HEALTHY);
            }
            assertThat(check.invocations.get()).isEqualTo(1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void reportsABackgroundCheckNotYetCheckedBeforeItsFirstResult() {
        Checks.Blocking check = new Checks.Blocking(false);
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock)
                .register(CheckRegistration.builder("db", check).timeout(Duration.ofSeconds(30))
                        .schedule(Schedule.background(Duration.ofHours(1))).build())
                .build()) {
            CheckResult result = monitor.report().checks().get(0);
            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).isEqualTo("not yet checked");
            check.release.countDown();
        }
    }

    @Test
    void servesTheLatestBackgroundResultAndReportsItStaleAfterTheMaxAge() throws InterruptedException {
        Checks.Counting check = new Checks.Counting();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock)
                .register(CheckRegistration.builder("db", check)
                        .schedule(Schedule.background(Duration.ofHours(1))).build())
                .build()) {
            awaitFirstResult(monitor);
            monitor.report();
            monitor.report();
            assertThat(check.invocations.get()).as("reports never run a background check").isEqualTo(1);

            clock.advance(Duration.ofHours(3));
            assertThat(monitor.report().checks().get(0).status()).isEqualTo(HealthStatus.HEALTHY);

            clock.advance(Duration.ofSeconds(1));
            CheckResult stale = monitor.report().checks().get(0);
            assertThat(stale.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(stale.message()).isEqualTo("stale: last result 10801 s old");
        }
    }

    @Test
    void runsBackgroundChecksEveryInterval() throws InterruptedException {
        Checks.Counting check = new Checks.Counting();
        HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("db", check)
                        .schedule(Schedule.background(Duration.ofMillis(20))).build())
                .build();
        {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (check.invocations.get() < 3 && System.nanoTime() < giveUp) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            assertThat(check.invocations.get()).isGreaterThanOrEqualTo(3);
            monitor.close();
            int afterClose = check.invocations.get();
            TimeUnit.MILLISECONDS.sleep(100);
            assertThat(check.invocations.get()).as("no runs after close").isLessThanOrEqualTo(afterClose + 1);
        }
    }

    private static void awaitFirstResult(HealthMonitor monitor) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ("not yet checked".equals(monitor.report().checks().get(0).message()) && System.nanoTime() < giveUp) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(monitor.report().checks().get(0).message()).isNotEqualTo("not yet checked");
    }
}
