package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthHistoryTest {

    private static final HealthStatus H = HealthStatus.HEALTHY;
    private static final HealthStatus D = HealthStatus.DEGRADED;
    private static final HealthStatus U = HealthStatus.UNHEALTHY;

    private final MutableClock clock = MutableClock.atEpochPlusOneDay();
    private final Instant start = clock.instant();
    private final AtomicReference<HealthResult> database = new AtomicReference<>(HealthResult.healthy());
    private final AtomicReference<HealthResult> cache = new AtomicReference<>(HealthResult.healthy());

    private HealthMonitor.Builder builder() {
        return HealthMonitor.builder().logTransitions(false).clock(clock).executor(Runnable::run)
                .register(CheckRegistration.builder("database", ctx -> database.get())
                        .schedule(Schedule.onDemand(Duration.ZERO)).build())
                .register(CheckRegistration.builder("cache", ctx -> cache.get()).critical(false)
                        .schedule(Schedule.onDemand(Duration.ZERO)).build());
    }

    private static List<String> changes(List<HealthHistory.Change> changes) {
        return changes.stream().map(c -> (c.from() == null ? "-" : c.from().label()) + ">" + c.to().label()
                + "@" + c.at().getEpochSecond() % 86_400 + (c.message() == null ? "" : " " + c.message())).toList();
    }

    @Test
    void recordsEveryChangeWithTheMonitorsClockAndTheOverallStatusAggregatedLikeAReport() {
        try (HealthMonitor monitor = builder().build()) {
            clock.advance(Duration.ofSeconds(10));
            database.set(HealthResult.unhealthy("connection refused"));
            monitor.report();
            clock.advance(Duration.ofSeconds(10));
            database.set(HealthResult.healthy());
            monitor.report();
            // Apart from the database's recovery: two changes in one report reach the history in the
            // order their checks finish, which the batching of quick checks does not fix.
            clock.advance(Duration.ofSeconds(10));
            cache.set(HealthResult.unhealthy("evicting"));
            monitor.report();

            HealthHistory history = monitor.history();
            assertThat(history.asOf()).isEqualTo(start.plusSeconds(30));
            assertThat(history.window()).isEqualTo(Duration.ofHours(1));
            assertThat(history.checks()).extracting(HealthHistory.Check::name).containsExactly("database", "cache");
            assertThat(changes(history.check("database").orElseThrow().changes()))
                    .containsExactly("->healthy@0", "healthy>unhealthy@10 connection refused", "unhealthy>healthy@20");
            assertThat(changes(history.check("cache").orElseThrow().changes()))
                    .containsExactly("->healthy@0", "healthy>unhealthy@30 evicting");
            // Not ready until both checks answered; the non-critical cache only degrades.
            assertThat(changes(history.overall())).containsExactly(
                    "->unhealthy@0 not every check has a first result yet",
                    "unhealthy>healthy@0 cache became healthy",
                    "healthy>unhealthy@10 database became unhealthy",
                    "unhealthy>healthy@20 database became healthy",
                    "healthy>degraded@30 cache became unhealthy");
            assertThat(history.check("nope")).isEmpty();
        }
    }

    @Test
    void samplesEveryInvocationsOwnStatusBeforeHysteresisButNotCachedResults() {
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).clock(clock).executor(Runnable::run)
                .register(CheckRegistration.builder("database", ctx -> database.get()).hysteresis(Hysteresis.of(3, 1))
                        .schedule(Schedule.onDemand(Duration.ofSeconds(5))).build())
                .build()) {
            database.set(HealthResult.unhealthy("refused"));
            clock.advance(Duration.ofSeconds(6));
            monitor.report();                       // a new invocation: unhealthy, reported healthy (1/3)
            monitor.report();                       // served from the cache: no sample
            HealthHistory.Check database = monitor.history().check("database").orElseThrow();
            assertThat(database.samples()).extracting(HealthHistory.Sample::status).containsExactly(H, U);
            assertThat(database.samples()).extracting(HealthHistory.Sample::at)
                    .containsExactly(start, start.plusSeconds(6));
            assertThat(database.samples()).allSatisfy(s -> assertThat(s.responseTime().isNegative()).isFalse());
            assertThat(database.changes()).hasSize(1);
        }
    }

    @Test
    void forgetsWhatFellOutOfTheWindowButKeepsTheStatusTheWindowStartsWith() {
        try (HealthMonitor monitor = builder().history(Duration.ofMinutes(10), 1_000).build()) {
            clock.advance(Duration.ofMinutes(5));
            database.set(HealthResult.degraded("slow"));
            monitor.report();
            clock.advance(Duration.ofMinutes(11));
            monitor.report();

            HealthHistory history = monitor.history();
            HealthHistory.Check database = history.check("database").orElseThrow();
            assertThat(database.samples()).extracting(HealthHistory.Sample::at).containsExactly(start.plusSeconds(960));
            assertThat(changes(database.changes())).containsExactly("healthy>degraded@300 slow");
            assertThat(changes(history.check("cache").orElseThrow().changes())).containsExactly("->healthy@0");
            assertThat(changes(history.overall())).containsExactly("healthy>degraded@300 database became degraded");
        }
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfChangesAndOfSamples() {
        try (HealthMonitor monitor = builder().history(Duration.ofHours(1), 4).build()) {
            for (int i = 1; i <= 10; i++) {
                clock.advance(Duration.ofSeconds(1));
                database.set(i % 2 == 0 ? HealthResult.healthy() : HealthResult.degraded("run " + i));
                monitor.report();
            }
            HealthHistory history = monitor.history();
            HealthHistory.Check database = history.check("database").orElseThrow();
            assertThat(database.samples()).extracting(s -> s.at().getEpochSecond() % 86_400).containsExactly(7L, 8L, 9L, 10L);
            assertThat(database.samples()).extracting(HealthHistory.Sample::status).containsExactly(D, H, D, H);
            assertThat(changes(database.changes())).containsExactly("healthy>degraded@7 run 7", "degraded>healthy@8",
                    "healthy>degraded@9 run 9", "degraded>healthy@10");
            assertThat(history.overall()).hasSize(4);
        }
    }

    @Test
    void keepsNothingWhenTheLimitIsZero() {
        try (HealthMonitor monitor = builder().history(Duration.ofHours(1), 0).build()) {
            database.set(HealthResult.unhealthy("down"));
            monitor.report();
            HealthHistory history = monitor.history();
            assertThat(history.overall()).isEmpty();
            assertThat(history.checks()).hasSize(2)
                    .allSatisfy(check -> assertThat(check.changes()).isEmpty())
                    .allSatisfy(check -> assertThat(check.samples()).isEmpty());
        }
    }

    @Test
    void cutsLongMessages() {
        database.set(HealthResult.unhealthy("x".repeat(10_000)));
        try (HealthMonitor monitor = builder().build()) {
            String message = monitor.history().check("database").orElseThrow().changes().get(0).message();
            assertThat(message).hasSize(HealthHistory.MAX_MESSAGE_LENGTH).endsWith("\u2026");
        }
    }

    @Test
    void rejectsAnEmptyWindowAndOutOfRangeLimits() {
        HealthMonitor.Builder builder = HealthMonitor.builder();
        assertThatThrownBy(() -> builder.history(Duration.ZERO, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("history window must be > 0");
        assertThatThrownBy(() -> builder.history(Duration.ofMinutes(1), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.history(Duration.ofMinutes(1), 100_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.history(null, 10)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void staysBoundedWithAHundredChecksUnderConcurrentReports() throws Exception {
        HealthMonitor.Builder builder = HealthMonitor.builder().logTransitions(false).clock(clock)
                .history(Duration.ofHours(1), 50);
        for (int i = 0; i < 100; i++) {
            builder.register(CheckRegistration.builder("check-" + i, ctx -> HealthResult.healthy())
                    .schedule(Schedule.onDemand(Duration.ZERO)).build());
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (HealthMonitor monitor = builder.build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        monitor.report();
                        monitor.history();
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
            HealthHistory history = monitor.history();
            assertThat(history.checks()).hasSize(100).allSatisfy(check -> {
                assertThat(check.samples()).hasSize(50);
                assertThat(check.changes()).hasSize(1);
            });
            assertThat(history.overall()).extracting(HealthHistory.Change::to).containsExactly(U, H);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void rendersAsJsonForJq() throws Exception {
        try (HealthMonitor monitor = builder().build()) {
            clock.advance(Duration.ofSeconds(1));
            database.set(HealthResult.unhealthy("refused"));
            monitor.report();
            JsonNode json = new ObjectMapper().readTree(HealthJson.history(monitor.history()));
            assertThat(json.get("asOf").asText()).isEqualTo("2026-01-01T00:00:01Z");
            assertThat(json.get("windowSeconds").asLong()).isEqualTo(3600);
            assertThat(json.get("overall").get(0).get("from").isNull()).isTrue();
            assertThat(json.get("overall").get(2).get("to").asText()).isEqualTo("unhealthy");
            JsonNode database = json.get("checks").get(0);
            assertThat(database.get("name").asText()).isEqualTo("database");
            assertThat(database.get("changes").get(1).toString()).isEqualTo(
                    "{\"at\":\"2026-01-01T00:00:01Z\",\"from\":\"healthy\",\"to\":\"unhealthy\",\"message\":\"refused\"}");
            assertThat(database.get("samples")).hasSize(2);
            assertThat(database.get("samples").get(1).get("status").asText()).isEqualTo("unhealthy");
            assertThat(database.get("samples").get(1).get("responseTime").isNumber()).isTrue();
        }
    }

    @Test
    void thinningGroupsSamplesEvenlyAndKeepsEachGroupsSlowestTimeAndWorstStatus() {
        Instant t0 = Instant.parse("2026-03-01T12:00:00Z");
        List<HealthHistory.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            samples.add(new HealthHistory.Sample(t0.plusSeconds(i), Duration.ofMillis(i == 1 ? 90 : 10),
                    i == 4 ? D : H));
        }
        HealthHistory.Check check = new HealthHistory.Check("db", List.of(), samples);

        assertThat(check.withSamplesAtMost(7)).isSameAs(check);
        assertThat(check.withSamplesAtMost(3).samples()).containsExactly(
                new HealthHistory.Sample(t0.plusSeconds(1), Duration.ofMillis(90), H),
                new HealthHistory.Sample(t0.plusSeconds(3), Duration.ofMillis(10), H),
                new HealthHistory.Sample(t0.plusSeconds(6), Duration.ofMillis(10), D));
        assertThat(check.withSamplesAtMost(1).samples()).containsExactly(
                new HealthHistory.Sample(t0.plusSeconds(6), Duration.ofMillis(90), D));
        assertThatThrownBy(() -> check.withSamplesAtMost(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxSamples must be at least 1, was 0");

        HealthHistory history = new HealthHistory(t0, Duration.ofHours(1), List.of(), List.of(check));
        assertThat(history.withSamplesAtMost(10)).isSameAs(history);
        assertThat(history.withSamplesAtMost(2).checks().get(0).samples()).hasSize(2);
    }
}
