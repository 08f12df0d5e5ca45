package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HysteresisAndListenersTest {

    private final MutableClock clock = MutableClock.atEpochPlusOneDay();
    private final List<StatusChange> changes = new CopyOnWriteArrayList<>();

    /** Returns the scripted statuses in order. */
    private static HealthCheck scripted(HealthStatus... statuses) {
        Deque<HealthStatus> script = new ArrayDeque<>(List.of(statuses));
        return () -> HealthResult.of(script.removeFirst(), "scripted");
    }

    private HealthMonitor monitor(HealthCheck check, Hysteresis hysteresis) {
        return HealthMonitor.builder().logTransitions(false).clock(clock).executor(Runnable::run)
                .listener(changes::add)
                .register(CheckRegistration.builder("db", check).hysteresis(hysteresis)
                        .schedule(Schedule.onDemand(Duration.ZERO)).build())
                .build();
    }

    private List<HealthStatus> reported(HealthMonitor monitor, int times) {
        List<HealthStatus> statuses = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            statuses.add(monitor.report().checks().get(0).status());
        }
        return statuses;
    }

    @Test
    void reportsAFailureOnlyAfterEnoughConsecutiveFailures() {
        HealthStatus h = HealthStatus.HEALTHY;
        HealthStatus u = HealthStatus.UNHEALTHY;
        try (HealthMonitor monitor = monitor(scripted(h, u, u, h, u, u, u, u), Hysteresis.of(3, 1))) {
            assertThat(reported(monitor, 8)).containsExactly(h, h, h, h, h, h, u, u);
        }
    }

    @Test
    void reportsARecoveryOnlyAfterEnoughConsecutiveSuccesses() {
        HealthStatus h = HealthStatus.HEALTHY;
        HealthStatus u = HealthStatus.UNHEALTHY;
        try (HealthMonitor monitor = monitor(scripted(u, h, u, h, h, h), Hysteresis.of(1, 2))) {
            assertThat(reported(monitor, 6)).containsExactly(u, u, u, u, h, h);
        }
    }

    @Test
    void showsThePendingStatusInDetailsWhileHeldBack() {
        try (HealthMonitor monitor = monitor(scripted(HealthStatus.HEALTHY, HealthStatus.UNHEALTHY), Hysteresis.of(3, 1))) {
            monitor.report();
            CheckResult held = monitor.report().checks().get(0);
            assertThat(held.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(held.details()).containsEntry("hysteresisPending", "unhealthy 1/3");
        }
    }

    @Test
    void deliversStatusChangesInOrderWithPreviousAndNewStatus() {
        HealthStatus h = HealthStatus.HEALTHY;
        HealthStatus d = HealthStatus.DEGRADED;
        HealthStatus u = HealthStatus.UNHEALTHY;
        try (HealthMonitor monitor = monitor(scripted(h, d, d, u, h), Hysteresis.NONE)) {
            reported(monitor, 5);
            assertThat(changes).extracting(StatusChange::previous, StatusChange::current).containsExactly(
                    org.assertj.core.api.Assertions.tuple(h, d),
                    org.assertj.core.api.Assertions.tuple(d, u),
                    org.assertj.core.api.Assertions.tuple(u, h));
            assertThat(changes.get(1).result().message()).isEqualTo("scripted");
            assertThat(changes.get(1).isDegradation()).isTrue();
            assertThat(changes.get(2).isDegradation()).isFalse();
        }
    }

    @Test
    void announcesACheckThatStartsUnhealthy() {
        try (HealthMonitor monitor = monitor(scripted(HealthStatus.UNHEALTHY), Hysteresis.NONE)) {
            monitor.report();
            assertThat(changes).singleElement().satisfies(change -> {
                assertThat(change.previous()).isEqualTo(HealthStatus.HEALTHY);
                assertThat(change.current()).isEqualTo(HealthStatus.UNHEALTHY);
            });
        }
    }

    @Test
    void deliversEventsOffTheCallersThreadAndSurvivesAFailingListener() throws InterruptedException {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .listener(change -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(change -> threads.add(Thread.currentThread().getName()))
                .register("db", () -> HealthResult.unhealthy("down"))
                .build()) {
            monitor.report();
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (threads.isEmpty() && System.nanoTime() < giveUp) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            assertThat(threads).singleElement().isNotEqualTo(Thread.currentThread().getName());
        }
    }
}
