package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A report's quick checks run in one batch on one worker, each still off the caller's thread and under its deadline. */
class BatchDispatchTest {

    private static final int CHECKS = 50;

    @Test
    void runsAReportsQuickChecksOnOneWorkerOffTheCallersThread() throws InterruptedException {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        HealthMonitor.Builder builder = HealthMonitor.builder().logTransitions(false);
        for (int i = 0; i < CHECKS; i++) {
            builder.register(CheckRegistration.builder("trivial-" + i, ctx -> {
                threads.add(Thread.currentThread().getName());
                return HealthResult.healthy();
            }).schedule(Schedule.onDemand(Duration.ZERO)).build());
        }
        try (HealthMonitor monitor = builder.build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            monitor.report(); // every check has run once in a report: now they are known to be quick
            threads.clear();

            HealthReport report = monitor.report();

            assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(threads).doesNotContain(Thread.currentThread().getName());
            // One worker runs the batch; a second joins only if one check stalls for a millisecond.
            assertThat(threads).as("threads that ran %d trivial checks", CHECKS).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void aCheckThatTurnsSlowInABatchHoldsBackNoOtherCheckAndStillTimesOut() throws InterruptedException {
        AtomicBoolean hang = new AtomicBoolean();
        Checks.Blocking hung = new Checks.Blocking(false);
        HealthMonitor.Builder builder = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("turns-slow", ctx -> hang.get() ? hung.check(ctx) : HealthResult.healthy())
                        .timeout(Duration.ofMillis(500)).schedule(Schedule.onDemand(Duration.ZERO)).build());
        for (int i = 0; i < CHECKS; i++) {
            builder.register(CheckRegistration.builder("trivial-" + i, ctx -> HealthResult.healthy())
                    .timeout(Duration.ofMillis(500)).schedule(Schedule.onDemand(Duration.ZERO)).build());
        }
        try (HealthMonitor monitor = builder.build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            monitor.report();
            hang.set(true);

            HealthReport report = monitor.report();

            assertThat(report.check("turns-slow").orElseThrow().message()).isEqualTo("timed out after 500 ms");
            for (CheckResult check : report.checks()) {
                if (!check.name().equals("turns-slow")) {
                    assertThat(check.status()).as("%s", check).isEqualTo(HealthStatus.HEALTHY);
                    assertThat(check.duration()).as("%s waited for the slow one", check).isLessThan(Duration.ofMillis(400));
                }
            }
            HealthMonitorTest.awaitZeroRunning(monitor); // the interrupted worker leaves the check on its own time
            assertThat(hung.interrupts.get()).isEqualTo(1);
        }
    }

    @Test
    void runsABatchOnTheCallersThreadWithADirectExecutor() throws InterruptedException {
        // The batch is dispatched before its invocations are added: run inline, it must not wait for them.
        Set<String> threads = ConcurrentHashMap.newKeySet();
        HealthMonitor.Builder builder = HealthMonitor.builder().logTransitions(false).executor(Runnable::run);
        for (int i = 0; i < CHECKS; i++) {
            builder.register(CheckRegistration.builder("trivial-" + i, ctx -> {
                threads.add(Thread.currentThread().getName());
                return HealthResult.healthy();
            }).schedule(Schedule.onDemand(Duration.ZERO)).build());
        }
        try (HealthMonitor monitor = builder.build()) {
            monitor.report();
            threads.clear();
            assertThat(monitor.report().status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(threads).containsExactly(Thread.currentThread().getName());
        }
    }
}
