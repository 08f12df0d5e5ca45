package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A check held back by {@link CheckRegistration.Builder#startAfter}: not run, not logged, not ready, until its stage completes. */
class StartAfterTest {

    private final AtomicInteger invocations = new AtomicInteger();
    private final List<StatusChange> changes = new CopyOnWriteArrayList<>();
    private final HealthListener recorder = new HealthListener() {
        @Override
        public void onStatusChange(StatusChange change) {
            changes.add(change);
        }
    };

    @Test
    void runsNeitherAtStartUpNorForAReportUntilItsStageCompletes() throws InterruptedException {
        CompletableFuture<Void> applicationStarted = new CompletableFuture<>();
        HealthCheck availability = ctx -> {
            invocations.incrementAndGet();
            return HealthResult.healthy();
        };
        // A direct executor: the start-up round and every invocation run inline, so each step below is complete.
        try (HealthMonitor monitor = HealthMonitor.builder().executor(Runnable::run).listener(recorder)
                .register(CheckRegistration.builder("database", ctx -> HealthResult.healthy())
                        .tags(CheckRegistration.READINESS).build())
                .register(CheckRegistration.builder("livenessState", availability).startAfter(applicationStarted)
                        .tags(CheckRegistration.LIVENESS, CheckRegistration.READINESS)
                        .schedule(Schedule.onDemand(Duration.ZERO)).build())
                .build()) {

            HealthReport before = monitor.report();

            assertThat(invocations).hasValue(0);
            assertThat(before.check("livenessState").orElseThrow().checked()).isFalse();
            assertThat(before.ready()).isFalse();
            assertThat(monitor.report(CheckRegistration.LIVENESS).checkedOnly().checks()).isEmpty();
            assertThat(changes).extracting(StatusChange::check).containsExactly("database");

            applicationStarted.complete(null);

            assertThat(invocations).as("run once when the stage completed").hasValue(1);
            HealthReport after = monitor.report();
            assertThat(after.ready()).isTrue();
            assertThat(after.check("livenessState").orElseThrow().status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(changes).filteredOn(change -> change.check().equals("livenessState")).singleElement()
                    .satisfies(change -> {
                        assertThat(change.isFirstResult()).isTrue();
                        assertThat(change.current()).isEqualTo(HealthStatus.HEALTHY);
                    });
        }
    }

    @Test
    void startsAtOnceWhenItsStageHasAlreadyCompleted() throws InterruptedException {
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("ready", ctx -> HealthResult.healthy())
                        .startAfter(CompletableFuture.completedFuture(null)).build())
                .build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void aStageThatFailsReleasesTheCheckToo() throws InterruptedException {
        CompletableFuture<Void> stage = new CompletableFuture<>();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("held", ctx -> HealthResult.healthy()).startAfter(stage).build())
                .build()) {
            stage.completeExceptionally(new IllegalStateException("the application failed to start"));
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            assertThat(monitor.report().check("held").orElseThrow().status()).isEqualTo(HealthStatus.HEALTHY);
        }
    }

    @Test
    void aBackgroundCheckWaitsForItsStageToo() throws InterruptedException {
        CompletableFuture<Void> stage = new CompletableFuture<>();
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("background", ctx -> {
                    invocations.incrementAndGet();
                    return HealthResult.healthy();
                }).startAfter(stage).schedule(Schedule.background(Duration.ofMillis(10))).build())
                .build()) {
            assertThat(monitor.report().check("background").orElseThrow().checked()).isFalse();
            assertThat(invocations).hasValue(0);

            stage.complete(null);

            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            assertThat(invocations.get()).isPositive();
        }
    }
}
