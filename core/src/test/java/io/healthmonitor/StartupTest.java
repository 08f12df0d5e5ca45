package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every check runs once when the monitor is built; until it has answered, it is "not yet checked". */
class StartupTest {

    @Test
    void runsEveryCheckOnceAsSoonAsTheMonitorIsBuiltOffTheCallersThread() throws InterruptedException {
        List<String> threads = new CopyOnWriteArrayList<>();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register("on-demand", ctx -> {
                    threads.add(Thread.currentThread().getName());
                    return HealthResult.healthy();
                })
                .register(CheckRegistration.builder("background", ctx -> {
                    threads.add(Thread.currentThread().getName());
                    return HealthResult.healthy();
                }).schedule(Schedule.background(Duration.ofHours(1))).build())
                .build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            assertThat(threads).hasSize(2).doesNotContain(Thread.currentThread().getName());
            assertThat(monitor.report().ready()).isTrue();
        }
    }

    @Test
    void showsACheckWithoutAFirstResultAsNotYetCheckedAndTheReportAsNotReady() throws InterruptedException {
        Checks.Blocking slowStart = new Checks.Blocking(false);
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("cold", slowStart).timeout(Duration.ofMillis(50))
                        .startupTimeout(Duration.ofSeconds(30)).critical(false).build())
                .register("warm", ctx -> HealthResult.healthy())
                .build()) {
            HealthReport report = monitor.report();

            CheckResult cold = report.check("cold").orElseThrow();
            assertThat(cold.checked()).isFalse();
            assertThat(cold.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(cold.message()).isEqualTo("not yet checked");
            assertThat(report.ready()).isFalse();
            assertThat(report.status()).as("not ready, even for a non-critical check").isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(report.checkedOnly().status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(report.checkedOnly().checks()).extracting(CheckResult::name).containsExactly("warm");
            assertThat(new String(HealthJson.detailed(report), StandardCharsets.UTF_8))
                    .contains("\"name\":\"cold\",\"status\":\"unhealthy\",\"critical\":false,\"checked\":false,\"responseTime\":0.0");

            slowStart.release.countDown();
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            HealthReport ready = monitor.report();
            assertThat(ready.ready()).isTrue();
            assertThat(ready.check("cold").orElseThrow().message()).as("not expired at the regular 50 ms deadline")
                    .isEqualTo("released");
            assertThat(slowStart.interrupts.get()).isZero();
            assertThat(slowStart.invocations.get()).isEqualTo(1);
        }
    }

    @Test
    void timesTheFirstInvocationOutAtTheStartupDeadline() throws InterruptedException {
        Checks.Blocking hung = new Checks.Blocking(false);
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("hung", hung).timeout(Duration.ofMillis(50))
                        .startupTimeout(Duration.ofMillis(300)).build())
                .build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            CheckResult result = monitor.report().checks().get(0);
            assertThat(result.checked()).isTrue();
            assertThat(result.message()).isEqualTo("timed out after 300 ms");
            HealthMonitorTest.awaitZeroRunning(monitor);
            assertThat(hung.interrupts.get()).isEqualTo(1);
        }
    }

    @Test
    void defaultsTheStartupDeadlineToTenSecondsOrTheTimeout() {
        HealthCheck check = ctx -> HealthResult.healthy();
        assertThat(CheckRegistration.builder("a", check).build().startupTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(CheckRegistration.builder("a", check).timeout(Duration.ofSeconds(30)).build().startupTimeout())
                .isEqualTo(Duration.ofSeconds(30));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CheckRegistration.builder("a", check)
                        .timeout(Duration.ofSeconds(3)).startupTimeout(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("startupTimeout must be >= timeout");
    }

    @Test
    void logsTheFirstResultAsSuchNotAsAChangeFromHealthy() throws InterruptedException {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (HealthMonitor monitor = HealthMonitor.builder()
                .register("redis", ctx -> HealthResult.unhealthy("connection refused"))
                .register("db", ctx -> HealthResult.healthy())
                .build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            String log = awaitLog(captured, 2);
            assertThat(log).contains("health check 'redis' first result: unhealthy: connection refused")
                    .contains("health check 'db' first result: healthy")
                    .doesNotContain("changed from healthy");
        } finally {
            System.setErr(original);
        }
    }

    /** Listeners hear of results on another thread: a bounded wait for the lines. */
    private static String awaitLog(ByteArrayOutputStream captured, int lines) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String log = "";
        while (System.nanoTime() < giveUp) {
            log = captured.toString(StandardCharsets.UTF_8);
            if (log.lines().filter(line -> line.contains("first result")).count() >= lines) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return log;
    }
}
