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
        return ctx -> HealthResult.of(script.removeFirst(), "scripted");
    }

    private HealthMonitor monitor(HealthCheck check, Hysteresis hysteresis) {
        return HealthMonitor.builder().logTransitions(false).clock(clock).executor(Runnable::run)
                .listener(changes::add)
                .register(CheckRegistration.builder("db", check).hysteresis(hysteresis)
                        .schedule(Schedule.onDemand(Duration.ZERO)).build())
                .build();
    }

    /** The first result (the start-up run, announced to listeners), then what {@code times - 1} reports show. */
    private List<HealthStatus> reported(HealthMonitor monitor, int times) {
        List<HealthStatus> statuses = new ArrayList<>();
        statuses.add(changes.get(0).current());
        for (int i = 1; i < times; i++) {
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
                    org.assertj.core.api.Assertions.tuple(null, h),
                    org.assertj.core.api.Assertions.tuple(h, d),
                    org.assertj.core.api.Assertions.tuple(d, u),
                    org.assertj.core.api.Assertions.tuple(u, h));
            assertThat(changes.get(0).isFirstResult()).isTrue();
            assertThat(changes.get(0).isDegradation()).isFalse();
            assertThat(changes.get(2).result().message()).isEqualTo("scripted");
            assertThat(changes.get(2).isDegradation()).isTrue();
            assertThat(changes.get(3).isDegradation()).isFalse();
        }
    }

    @Test
    void announcesEveryFirstResultAsSuchWhateverItsStatus() {
        try (HealthMonitor monitor = monitor(scripted(HealthStatus.UNHEALTHY, HealthStatus.UNHEALTHY), Hysteresis.NONE)) {
            assertThat(monitor.report().ready()).isTrue();
            assertThat(changes).singleElement().satisfies(change -> {
                assertThat(change.isFirstResult()).isTrue();
                assertThat(change.previous()).isNull();
                assertThat(change.current()).isEqualTo(HealthStatus.UNHEALTHY);
                assertThat(change.isDegradation()).isTrue();
            });
        }
        changes.clear();
        try (HealthMonitor monitor = monitor(scripted(HealthStatus.HEALTHY, HealthStatus.HEALTHY), Hysteresis.of(3, 3))) {
            assertThat(monitor.report().ready()).isTrue();
            assertThat(changes).singleElement().satisfies(change -> {
                assertThat(change.isFirstResult()).isTrue();
                assertThat(change.current()).isEqualTo(HealthStatus.HEALTHY);
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
                .register("db", ctx -> HealthResult.unhealthy("down"))
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
