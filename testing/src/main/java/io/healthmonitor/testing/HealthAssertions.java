package io.healthmonitor.testing;

import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthResult;
import org.jspecify.annotations.Nullable;

/**
 * The entry point for Health Monitor's AssertJ assertions: reports, check results, single
 * results and JSON response bodies.
 *
 * <pre>{@code
 * import static io.healthmonitor.testing.HealthAssertions.assertThat;
 *
 * assertThat(monitor.report())
 *     .isDegraded()
 *     .hasCheck("db").withStatus(HealthStatus.UNHEALTHY).withDetail("pool.active", 10)
 *     .respondedWithin(Duration.ofSeconds(1));
 * assertThat(check.check(CheckContext.of("db", Duration.ofSeconds(1)))).isHealthy().hasDetail("latencyMillis", 3);
 * assertThatJson(body).hasOverallStatus(HealthStatus.HEALTHY).hasNoDetails();
 * }</pre>
 *
 * <p>Failure messages name the check and show its whole result. The methods only create asserts,
 * so they are thread-safe; the asserts themselves are, like every AssertJ assert, for one thread.
 * Its {@code assertThat} methods can be statically imported beside AssertJ's own: the argument
 * types pick the right overload.
 */
public final class HealthAssertions {

    private HealthAssertions() {
    }

    /**
     * Starts assertions on a report.
     *
     * @param actual the report
     * @return a new assert
     */
    public static HealthReportAssert assertThat(@Nullable HealthReport actual) {
        return new HealthReportAssert(actual);
    }

    /**
     * Starts assertions on one check's entry in a report.
     *
     * @param actual the check result
     * @return a new assert
     */
    public static CheckResultAssert assertThat(@Nullable CheckResult actual) {
        return new CheckResultAssert(actual);
    }

    /**
     * Starts assertions on what one check invocation returned.
     *
     * @param actual the result
     * @return a new assert
     */
    public static HealthResultAssert assertThat(@Nullable HealthResult actual) {
        return new HealthResultAssert(actual);
    }

    /**
     * Starts assertions on a JSON health response body: a detailed report, a summary or one check.
     *
     * @param body the response body
     * @return a new assert; the body is parsed by the first assertion
     */
    public static JsonHealthAssert assertThatJson(@Nullable String body) {
        return new JsonHealthAssert(body);
    }
}
