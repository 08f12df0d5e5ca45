package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StalenessTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final CheckResult RESULT = new CheckResult("db", HealthStatus.HEALTHY, null, Map.of(), null,
            Duration.ZERO, AT, true, Set.of(), true);

    @Test
    void judgesOnDemandResultsFreshThenRefreshableThenExpired() {
        Staleness staleness = Staleness.of(Schedule.onDemand(Duration.ofSeconds(1)), Duration.ofSeconds(2));
        assertThat(staleness.judge(RESULT, AT.plusMillis(999))).isEqualTo(Staleness.Use.FRESH);
        assertThat(staleness.judge(RESULT, AT.plusMillis(1000))).isEqualTo(Staleness.Use.REFRESH);
        assertThat(staleness.judge(RESULT, AT.plusMillis(2999))).isEqualTo(Staleness.Use.REFRESH);
        assertThat(staleness.judge(RESULT, AT.plusMillis(3000))).isEqualTo(Staleness.Use.EXPIRED);
        assertThat(staleness.judge(RESULT, AT.minusMillis(1))).as("the clock went back").isEqualTo(Staleness.Use.EXPIRED);
    }

    @Test
    void neverServesAnOldResultWhenTheCacheIsOff() {
        Staleness staleness = Staleness.of(Schedule.onDemand(Duration.ZERO), Duration.ofSeconds(2));
        assertThat(staleness.judge(RESULT, AT)).isEqualTo(Staleness.Use.EXPIRED);
    }

    @Test
    void reportsBackgroundResultsStaleAfterTheMaxAge() {
        Staleness staleness = Staleness.of(Schedule.background(Duration.ofSeconds(10)), Duration.ofSeconds(2));
        assertThat(staleness.served(RESULT, AT.plusSeconds(30))).isSameAs(RESULT);
        CheckResult stale = staleness.served(RESULT, AT.plusSeconds(31));
        assertThat(stale.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(stale.message()).isEqualTo("stale: last result 31 s old");
        assertThat(staleness.served(RESULT, AT.minusSeconds(5))).as("the clock went back").isSameAs(RESULT);
    }
}
