package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** On-demand checks refresh ahead: reports are answered from the previous result while the next one is made. */
class RefreshAheadTest {

    private static final Duration TTL = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final MutableClock clock = MutableClock.atEpochPlusOneDay();
    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    /** Numbers its results ("result 1", "result 2", ...); from the second on, each waits for a permit. */
    static final class Gated implements HealthCheck {
        final AtomicInteger invocations = new AtomicInteger();
        final Semaphore permits = new Semaphore(0);
        final CountDownLatch secondStarted = new CountDownLatch(1);

        @Override
        public HealthResult check(CheckContext context) throws InterruptedException {
            int number = invocations.incrementAndGet();
            if (number > 1) {
                secondStarted.countDown();
                if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                    return HealthResult.unhealthy("never released");
                }
            }
            return HealthResult.healthy("result " + number);
        }
    }

    private HealthMonitor monitor(HealthCheck check, Schedule.OnDemand schedule) throws InterruptedException {
        HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock)
                .register(CheckRegistration.builder("db", check).timeout(TIMEOUT).schedule(schedule).build())
                .build();
        assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
        return monitor;
    }

    @Test
    void answersFromThePreviousResultWhileTheRefreshRuns() throws Exception {
        Gated check = new Gated();
        try (HealthMonitor monitor = monitor(check, Schedule.onDemand(TTL))) {
            clock.advance(Duration.ofMillis(1500));

            CheckResult served = monitor.report().checks().get(0);

            assertThat(served.message()).isEqualTo("result 1");
            assertThat(check.secondStarted.await(10, TimeUnit.SECONDS)).as("the report started a refresh").isTrue();
            assertThat(monitor.report().checks().get(0).message()).as("still answered at once").isEqualTo("result 1");

            check.permits.release();
            assertThat(awaitMessage(monitor, "result 2")).isTrue();
            assertThat(check.invocations.get()).as("one refresh for every report during it").isEqualTo(2);
        }
    }

    @Test
    void keepsOneRefreshInFlightWhateverTheNumberOfReports() throws Exception {
        Gated check = new Gated();
        try (HealthMonitor monitor = monitor(check, Schedule.onDemand(TTL))) {
            clock.advance(Duration.ofMillis(1500));
            List<Future<HealthReport>> reports = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                reports.add(callers.submit(() -> monitor.report()));
            }
            for (Future<HealthReport> report : reports) {
                assertThat(report.get(10, TimeUnit.SECONDS).checks().get(0).message()).isEqualTo("result 1");
            }
            // The reports do not wait for the refresh to start running: wait for it, then count.
            assertThat(check.secondStarted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(check.invocations.get()).as("one refresh for 32 reports").isEqualTo(2);
            check.permits.release();
        }
    }

    @Test
    void waitsForANewResultOnceThePreviousIsOlderThanTheMaxStaleness() throws Exception {
        Gated check = new Gated();
        try (HealthMonitor monitor = monitor(check, Schedule.onDemand(TTL))) {
            clock.advance(TTL.plus(TIMEOUT)); // the default max staleness: TTL plus the timeout
            Future<HealthReport> report = callers.submit(() -> monitor.report());
            assertThat(check.secondStarted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(report).as("the report waits for the new result").isNotDone();

            check.permits.release();

            assertThat(report.get(10, TimeUnit.SECONDS).checks().get(0).message()).isEqualTo("result 2");
        }
    }

    @Test
    void servesTheTimeoutOfARefreshThatHangsFromThenOn() throws Exception {
        Gated check = new Gated();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock)
                .register(CheckRegistration.builder("db", check).timeout(Duration.ofMillis(100))
                        .schedule(Schedule.onDemand(TTL).withMaxStaleness(Duration.ofMinutes(10))).build())
                .build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            clock.advance(Duration.ofMinutes(1));
            assertThat(monitor.report().checks().get(0).message()).isEqualTo("result 1");

            // Nobody waits for the refresh: its own timer times it out, and its result is served.
            assertThat(awaitMessage(monitor, "timed out after 100 ms")).isTrue();
            CheckResult timedOut = monitor.report().checks().get(0);
            assertThat(timedOut.status()).isEqualTo(HealthStatus.UNHEALTHY);
            check.permits.release();
        }
    }

    /**
     * The second invocation hangs past its deadline, ignoring the interrupt, until released; the
     * third, a refresh no report should wait for, blocks until the test ends.
     */
    static final class HangsOnce implements HealthCheck {
        final AtomicInteger invocations = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch returned = new CountDownLatch(1);
        final CountDownLatch thirdStarted = new CountDownLatch(1);
        final CountDownLatch end = new CountDownLatch(1);
        volatile Thread hung;

        @Override
        public HealthResult check(CheckContext context) throws InterruptedException {
            int number = invocations.incrementAndGet();
            if (number == 2) {
                hung = Thread.currentThread();
                try {
                    while (true) {
                        try {
                            if (release.await(30, TimeUnit.SECONDS)) {
                                break;
                            }
                        } catch (InterruptedException deadline) {
                            // ignored, as a hung driver call does
                        }
                    }
                } finally {
                    returned.countDown();
                }
            } else if (number == 3) {
                thirdStarted.countDown();
                end.await(30, TimeUnit.SECONDS);
            }
            return HealthResult.healthy("result " + number);
        }
    }

    /**
     * H8's servlet user test: with a check that hangs 10 s past a 2 s deadline, every request in
     * flight waited ~1 s every 10 s, because the refresh after the hung call could only start once it
     * returned, when the latest result was nearly too old to serve. A hung invocation is now told as
     * "still running" once a TTL, so the refresh after it starts from a servable result.
     */
    @Test
    void doesNotWaitForTheRefreshThatFollowsAHungInvocation() throws Exception {
        HangsOnce check = new HangsOnce();
        try (HealthMonitor monitor = monitor(check, Schedule.onDemand(TTL))) {
            clock.advance(Duration.ofMillis(1500));
            assertThat(monitor.report().checks().get(0).message()).isEqualTo("result 1");   // starts the second, which hangs
            assertThat(awaitMessage(monitor, "timed out after 2000 ms")).isTrue();

            clock.advance(Duration.ofMillis(1500));   // the timeout is older than the TTL, and the invocation still runs
            String stillRunning = monitor.report().checks().get(0).message();
            assertThat(stillRunning).startsWith("timed out after 2000 ms (previous invocation still running after ");

            check.release.countDown();
            assertThat(check.returned.await(10, TimeUnit.SECONDS)).isTrue();
            awaitParked(check.hung);   // the worker has left the invocation: a new one may start
            // Older than the TTL, younger than TTL + timeout since it was told: served while a refresh starts.
            clock.advance(Duration.ofMillis(2000));
            CheckResult served = monitor.report().checks().get(0);

            assertThat(check.thirdStarted.await(10, TimeUnit.SECONDS)).as("the report started a refresh").isTrue();
            assertThat(served.message()).as("answered without waiting for it").isEqualTo(stillRunning);
            check.end.countDown();
        }
    }

    private static void awaitParked(Thread thread) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING
                && System.nanoTime() < giveUp) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    @Test
    void waitsForEveryRefreshWhenTheMaxStalenessIsTheTtl() throws Exception {
        Gated check = new Gated();
        try (HealthMonitor monitor = monitor(check, Schedule.onDemand(TTL).withMaxStaleness(TTL))) {
            clock.advance(TTL);
            Future<HealthReport> report = callers.submit(() -> monitor.report());
            assertThat(check.secondStarted.await(10, TimeUnit.SECONDS)).isTrue();
            check.permits.release();
            assertThat(report.get(10, TimeUnit.SECONDS).checks().get(0).message()).isEqualTo("result 2");
        }
    }

    @Test
    void runsTheCheckForEveryReportWhenTheTtlIsZero() throws Exception {
        Checks.Counting check = new Checks.Counting();
        try (HealthMonitor monitor = monitor(check, Schedule.onDemand(Duration.ZERO))) {
            for (int i = 0; i < 10; i++) {
                monitor.report();
            }
            assertThat(check.invocations.get()).isEqualTo(11);
        }
    }

    @Test
    void rejectsAMaxStalenessBelowTheTtl() {
        assertThatThrownBy(() -> Schedule.onDemand(TTL).withMaxStaleness(Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxStaleness must be >= cacheTtl");
        assertThat(Schedule.onDemand(TTL).maxStaleness(TIMEOUT)).isEqualTo(Duration.ofSeconds(3));
        assertThat(Schedule.onDemand(Duration.ZERO).maxStaleness(TIMEOUT)).isZero();
    }

    /** The refresh completes on another thread: a bounded wait for the report to show it. */
    private static boolean awaitMessage(HealthMonitor monitor, String message) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < giveUp) {
            if (message.equals(monitor.report().checks().get(0).message())) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return false;
    }
}
