package io.healthmonitor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthmonitor.HealthMonitor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void standsStillUntilMoved() {
        MutableClock clock = new MutableClock(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.advance(Duration.ofSeconds(90))).isEqualTo(START.plusSeconds(90));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(90));
        clock.set(START.minusSeconds(5));
        assertThat(clock.instant()).isEqualTo(START.minusSeconds(5));
        assertThat(clock.advance(Duration.ZERO)).isEqualTo(START.minusSeconds(5));
    }

    @Test
    void rejectsGoingBackwardByAdvanceAndNulls() {
        MutableClock clock = new MutableClock(START);
        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("amount must be >= 0");
        assertThatThrownBy(() -> clock.set(null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> new MutableClock(null)).isInstanceOf(NullPointerException.class).hasMessage("start");
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void aClockInAnotherZoneSharesTheInstant() {
        MutableClock clock = new MutableClock(START);
        MutableClock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        paris.advance(Duration.ofMinutes(1));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(60));
        assertThat(paris).hasToString("MutableClock[2025-01-01T00:01:00Z, Europe/Paris]");
    }

    @Test
    void concurrentAdvancesAreNeverLost() throws Exception {
        MutableClock clock = new MutableClock(START);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 1000; i++) {
                        clock.advance(Duration.ofMillis(1));
                    }
                }, pool));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(4));
    }

    @Test
    void stampsReportsWithTheTestsTime() {
        MutableClock clock = new MutableClock(START);
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock)
                .register("db", new StubHealthCheck()).build()) {
            assertThat(monitor.report().timestamp()).isEqualTo(START);
            clock.advance(Duration.ofHours(1));
            assertThat(monitor.report().timestamp()).isEqualTo(START.plusSeconds(3600));
        }
    }
}
