package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {

    @Test
    void runsAllChecksOfAReportConcurrently() {
        // Each check waits for all the others to have started: only a concurrent run can pass.
        int count = 8;
        CountDownLatch allStarted = new CountDownLatch(count);
        HealthMonitor.Builder builder = HealthMonitor.builder().logTransitions(false);
        for (int i = 0; i < count; i++) {
            builder.register("check-" + i, ctx -> {
                allStarted.countDown();
                return allStarted.await(10, TimeUnit.SECONDS) ? HealthResult.healthy() : HealthResult.unhealthy("alone");
            });
        }
        try (HealthMonitor monitor = builder.build()) {
            HealthReport report = monitor.report();
            assertThat(report.checks()).extracting(CheckResult::status).containsOnly(HealthStatus.HEALTHY);
            assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY);
        }
    }

    @Test
    void reportsAHungCheckUnhealthyAtItsDeadlineAndInterruptsIt() throws InterruptedException {
        Checks.Blocking hung = new Checks.Blocking(false);
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("hung", hung).timeout(Duration.ofMillis(200))
                        .startupTimeout(Duration.ofMillis(200)).build())
                .register("fine", ctx -> HealthResult.healthy())
                .build()) {
            HealthReport report = monitor.report();

            CheckResult result = report.check("hung").orElseThrow();
            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).isEqualTo("timed out after 200 ms");
            assertThat(result.duration()).isEqualTo(Duration.ofMillis(200));
            assertThat(report.check("fine").orElseThrow().status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
            awaitZeroRunning(monitor);
            assertThat(hung.interrupts.get()).isEqualTo(1);
        }
    }

    @Test
    void neverStartsASecondInvocationWhileAHungOneStillRuns() throws InterruptedException {
        Checks.Blocking stubborn = new Checks.Blocking(true);
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("stubborn", stubborn).timeout(Duration.ofMillis(100))
                        .startupTimeout(Duration.ofMillis(100)).schedule(Schedule.onDemand(Duration.ZERO)).build())
                .build()) {
            assertThat(monitor.report().status()).isEqualTo(HealthStatus.UNHEALTHY);
            for (int i = 0; i < 5; i++) {
                CheckResult again = monitor.report().checks().get(0);
                assertThat(again.status()).isEqualTo(HealthStatus.UNHEALTHY);
                assertThat(again.message()).startsWith("timed out after 100 ms (previous invocation still running after ");
            }
            assertThat(stubborn.invocations.get()).isEqualTo(1);
            assertThat(monitor.runningChecks()).isEqualTo(1);

            stubborn.release.countDown();
            awaitZeroRunning(monitor);
            assertThat(monitor.report().checks().get(0).status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(stubborn.invocations.get()).isEqualTo(2);
        }
    }

    @Test
    void reportsAThrowingCheckUnhealthyWithTheExceptionClassAndMessage() {
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register("throws", ctx -> {
                    throw new IllegalStateException("pool closed");
                })
                .register("error", ctx -> {
                    throw new NoClassDefFoundError("com/zaxxer/hikari/HikariDataSource");
                })
                .register("null", ctx -> null)
                .build()) {
            HealthReport report = monitor.report();
            CheckResult thrown = report.check("throws").orElseThrow();
            assertThat(thrown.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(thrown.message()).isEqualTo("java.lang.IllegalStateException: pool closed");
            assertThat(thrown.error()).isEqualTo("java.lang.IllegalStateException: pool closed");
            assertThat(report.check("error").orElseThrow().message())
                    .isEqualTo("java.lang.NoClassDefFoundError: com/zaxxer/hikari/HikariDataSource");
            CheckResult nothing = report.check("null").orElseThrow();
            assertThat(nothing.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(nothing.message()).isEqualTo("check returned null");
        }
    }

    @Test
    void reportsASuccessfulButSlowCheckDegraded() {
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("slow", ctx -> {
                    TimeUnit.MILLISECONDS.sleep(60);
                    return HealthResult.healthy("ok");
                }).slowThreshold(Duration.ofMillis(20)).build())
                .build()) {
            CheckResult result = monitor.report().checks().get(0);
            assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(result.message()).startsWith("slow: took ").endsWith(" ms, threshold 20 ms; ok");
        }
    }

    @Test
    void boundsTheNumberOfChecksRunningAtOnce() throws InterruptedException {
        List<Checks.Blocking> checks = new ArrayList<>();
        HealthMonitor.Builder builder = HealthMonitor.builder().logTransitions(false).maxConcurrency(2);
        for (int i = 0; i < 4; i++) {
            Checks.Blocking check = new Checks.Blocking(false);
            checks.add(check);
            builder.register(CheckRegistration.builder("blocking-" + i, check).timeout(Duration.ofSeconds(30)).build());
        }
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (HealthMonitor monitor = builder.build()) {
            Future<HealthReport> report = caller.submit(() -> monitor.report());
            checks.get(0).started.await(10, TimeUnit.SECONDS);
            checks.get(1).started.await(10, TimeUnit.SECONDS);
            assertThat(monitor.runningChecks()).isEqualTo(2);
            assertThat(checks.get(2).invocations.get() + checks.get(3).invocations.get()).isZero();

            checks.forEach(check -> check.release.countDown());
            assertThat(report.get(10, TimeUnit.SECONDS).status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(checks).allSatisfy(check -> assertThat(check.invocations.get()).isEqualTo(1));
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void runsAsyncChecksAndReportsFailedStagesUnhealthy() {
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register("async", (AsyncHealthCheck) ctx -> CompletableFuture.supplyAsync(() -> HealthResult.degraded("lagging")))
                .register("failed", (AsyncHealthCheck) ctx -> CompletableFuture.failedFuture(new IllegalStateException("nope")))
                .register("null", (AsyncHealthCheck) ctx -> null)
                .build()) {
            HealthReport report = monitor.report();
            assertThat(report.check("async").orElseThrow().status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(report.check("failed").orElseThrow().message()).isEqualTo("java.lang.IllegalStateException: nope");
            assertThat(report.check("null").orElseThrow().status()).isEqualTo(HealthStatus.UNHEALTHY);
        }
    }

    @Test
    void timesOutAndCancelsAnAsyncStageThatNeverCompletes() {
        // A direct executor starts the check at once, so its stage exists before the deadline.
        CompletableFuture<HealthResult> never = new CompletableFuture<>();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).executor(Runnable::run)
                .register(CheckRegistration.builder("never", (AsyncHealthCheck) ctx -> never).timeout(Duration.ofMillis(100))
                        .startupTimeout(Duration.ofMillis(100)).build())
                .build()) {
            HealthReport report = monitor.report();
            assertThat(report.check("never").orElseThrow().message()).isEqualTo("timed out after 100 ms");
            assertThat(never).isCancelled();
        }
    }

    @Test
    void doesNotLeakTheDeadlineInterruptToTheCallerWithADirectExecutor() {
        Checks.Blocking hung = new Checks.Blocking(false);
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).executor(Runnable::run)
                .register(CheckRegistration.builder("hung", hung).timeout(Duration.ofMillis(100))
                        .startupTimeout(Duration.ofMillis(100)).build())
                .build()) {
            assertThat(monitor.report().status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(hung.interrupts.get()).isEqualTo(1);
        }
    }

    @Test
    void reportsOneGroupOrOneCheck() {
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("db", ctx -> HealthResult.unhealthy("down"))
                        .tags(CheckRegistration.READINESS).build())
                .register(CheckRegistration.builder("deadlock", ctx -> HealthResult.healthy())
                        .tags(CheckRegistration.LIVENESS).build())
                .build()) {
            assertThat(monitor.report(CheckRegistration.LIVENESS).status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(monitor.report(CheckRegistration.READINESS).status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(monitor.report("custom").checks()).isEmpty();
            assertThat(monitor.groups()).containsExactly(CheckRegistration.READINESS, CheckRegistration.LIVENESS);
            assertThat(monitor.check("db").orElseThrow().message()).isEqualTo("down");
            assertThat(monitor.check("absent")).isEmpty();
        }
    }

    @Test
    void nestsAMonitorAsACheckOfAnother() {
        HealthMonitor inner = HealthMonitor.builder().logTransitions(false)
                .register("cache", ctx -> HealthResult.degraded("evicting"))
                .register("queue", ctx -> HealthResult.healthy())
                .build();
        try (inner; HealthMonitor outer = HealthMonitor.builder().logTransitions(false).register("payments", inner).build()) {
            CheckResult nested = outer.report().checks().get(0);
            assertThat(nested.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(nested.message()).isEqualTo("1 of 2 checks not healthy: cache (degraded)");
            assertThat(nested.details()).containsExactly(
                    org.assertj.core.api.Assertions.entry("cache", "degraded"),
                    org.assertj.core.api.Assertions.entry("queue", "healthy"));
        }
    }

    @Test
    void masksCredentialsInMessagesErrorsAndDetails() {
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register("redis", ctx -> HealthResult.unhealthy("cannot reach redis://:hunter2@cache:6379")
                        .withDetail("url", "jdbc:postgresql://db/app?user=app&password=hunter2")
                        .withError(new IllegalStateException("auth failed for https://admin:hunter2@api")))
                .build()) {
            CheckResult result = monitor.report().checks().get(0);
            assertThat(result.toString()).doesNotContain("hunter2");
            assertThat(result.message()).isEqualTo("cannot reach redis://***@cache:6379");
            assertThat(result.details().get("url")).isEqualTo("jdbc:postgresql://db/app?user=app&password=***");
            assertThat(result.error()).isEqualTo("java.lang.IllegalStateException: auth failed for https://***@api");
        }
    }

    @Test
    void masksTheValuesOfDetailsNamedAfterASecretAtAnyDepth() {
        // found by a user test: only text inside values was masked, {"password": "..."} was shown as it was
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register("api", ctx -> HealthResult.unhealthy("refused")
                        .withDetail("password", "hunter2")
                        .withDetail("apiKey", 12345678)
                        .withDetail("nested", java.util.Map.of("client_secret", "hunter2", "host", "api")))
                .build()) {
            CheckResult result = monitor.report().checks().get(0);
            assertThat(result.toString()).doesNotContain("hunter2").doesNotContain("12345678");
            assertThat(result.details()).containsEntry("password", "***").containsEntry("apiKey", "***")
                    .containsEntry("nested", java.util.Map.of("client_secret", "***", "host", "api"));
        }
    }

    @Test
    void rejectsDuplicateAndInvalidRegistrations() {
        HealthMonitor.Builder builder = HealthMonitor.builder().register("db", ctx -> HealthResult.healthy());
        assertThatThrownBy(() -> builder.register("db", ctx -> HealthResult.healthy()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a check named 'db' is already registered");
        assertThatThrownBy(() -> CheckRegistration.builder("no spaces", ctx -> HealthResult.healthy()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 'no spaces'");
        assertThatThrownBy(() -> CheckRegistration.builder("db", ctx -> HealthResult.healthy()).timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be > 0");
        assertThatThrownBy(() -> builder.maxConcurrency(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConcurrency must be >= 1");
        assertThatThrownBy(() -> Schedule.onDemand(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cacheTtl must be >= 0");
        assertThatThrownBy(() -> Schedule.background(Duration.ofSeconds(10)).withMaxAge(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAge must be >= interval");
    }

    @Test
    void rejectsDurationsTooLongToKeepInNanosecondsWithAClearMessage() {
        // They used to fail build() with a bare "ArithmeticException: long overflow".
        Duration forever = ChronoUnit.FOREVER.getDuration();
        assertThatThrownBy(() -> CheckRegistration.builder("db", ctx -> HealthResult.healthy()).timeout(Duration.ofDays(365_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be at most 24 hours, was PT8760000H");
        assertThatThrownBy(() -> CheckRegistration.builder("db", ctx -> HealthResult.healthy()).startupTimeout(forever))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("startupTimeout must be at most 24 hours");
        assertThatThrownBy(() -> CheckRegistration.builder("db", ctx -> HealthResult.healthy()).slowThreshold(forever))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("slowThreshold must be at most 24 hours");
        assertThatThrownBy(() -> Schedule.onDemand(forever))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cacheTtl must be at most 365 days");
        assertThatThrownBy(() -> Schedule.onDemand(Duration.ofSeconds(1)).withMaxStaleness(forever))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxStaleness must be at most 365 days");
        assertThatThrownBy(() -> Schedule.background(forever))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("interval must be at most 365 days");
        assertThatThrownBy(() -> Schedule.background(Duration.ofSeconds(1)).withMaxAge(forever))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxAge must be at most 365 days");

        // The longest accepted values build and report.
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("db", ctx -> HealthResult.healthy()).timeout(CheckRegistration.MAX_TIMEOUT)
                        .slowThreshold(CheckRegistration.MAX_TIMEOUT).schedule(Schedule.onDemand(Schedule.MAX_DURATION)).build())
                .register(CheckRegistration.builder("cache", ctx -> HealthResult.healthy())
                        .schedule(Schedule.background(Schedule.MAX_DURATION)).build())
                .build()) {
            assertThat(monitor.report().checks()).hasSize(2);
        }
    }

    @Test
    void usesNoCommonPoolThreadByDefault() {
        AtomicBoolean commonPool = new AtomicBoolean();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register("where", ctx -> {
                    commonPool.set(Thread.currentThread().getName().startsWith("ForkJoinPool.commonPool"));
                    return HealthResult.healthy(Thread.currentThread().getName());
                })
                .build()) {
            CheckResult result = monitor.report().checks().get(0);
            assertThat(commonPool).isFalse();
            assertThat(result.message()).startsWith("healthmonitor-check-");
        }
    }

    @Test
    void neverMistakesAFinishedInvocationForAHungOne() throws InterruptedException {
        // A finished invocation delivers its result a moment before its worker releases it: a report
        // in between must start a new invocation, not say "still running".
        Checks.Counting check = new Checks.Counting();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("db", check).schedule(Schedule.onDemand(Duration.ZERO)).build())
                .build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            for (int i = 0; i < 500; i++) {
                CheckResult result = monitor.report().checks().get(0);
                assertThat(result.status()).as("report %d: %s", i, result).isEqualTo(HealthStatus.HEALTHY);
            }
            assertThat(check.invocations.get()).as("the start-up run and 500 reports").isEqualTo(501);
        }
    }

    static void awaitZeroRunning(HealthMonitor monitor) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (monitor.runningChecks() > 0 && System.nanoTime() < giveUp) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(monitor.runningChecks()).as("running invocations").isZero();
    }
}
