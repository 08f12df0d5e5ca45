package io.healthmonitor.testing;

import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on a {@link HealthReport}, obtained from {@link HealthAssertions#assertThat(HealthReport)}.
 *
 * <pre>{@code
 * assertThat(monitor.report())
 *     .isDegraded()
 *     .hasChecks("db", "cache")
 *     .hasCheck("cache").withStatus(HealthStatus.UNHEALTHY).isNotCritical();
 * }</pre>
 *
 * <p>Every failure shows the whole report: its status and each check's full result.
 * Not thread-safe, like every AssertJ assert.
 */
public final class HealthReportAssert extends AbstractAssert<HealthReportAssert, HealthReport> {

    /**
     * Creates an assert on {@code actual}; prefer {@link HealthAssertions#assertThat(HealthReport)}.
     *
     * @param actual the report, may be null (assertions then fail)
     */
    public HealthReportAssert(@Nullable HealthReport actual) {
        super(actual, HealthReportAssert.class);
    }

    /**
     * Verifies the report's overall status.
     *
     * @param expected the status
     * @return this assert
     * @throws NullPointerException if {@code expected} is null
     */
    public HealthReportAssert hasStatus(HealthStatus expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (actual.status() != expected) {
            fail("to be " + expected.label() + " but it was " + actual.status().label());
        }
        return this;
    }

    /**
     * Verifies the report is healthy.
     *
     * @return this assert
     */
    public HealthReportAssert isHealthy() {
        return hasStatus(HealthStatus.HEALTHY);
    }

    /**
     * Verifies the report is degraded.
     *
     * @return this assert
     */
    public HealthReportAssert isDegraded() {
        return hasStatus(HealthStatus.DEGRADED);
    }

    /**
     * Verifies the report is unhealthy.
     *
     * @return this assert
     */
    public HealthReportAssert isUnhealthy() {
        return hasStatus(HealthStatus.UNHEALTHY);
    }

    /**
     * Verifies the report has a check named {@code name} and returns assertions on it.
     *
     * @param name the check's registered name
     * @return an assert on that check's result
     * @throws NullPointerException if {@code name} is null
     */
    public CheckResultAssert hasCheck(String name) {
        Objects.requireNonNull(name, "name");
        isNotNull();
        Optional<CheckResult> check = actual.check(name);
        if (check.isEmpty()) {
            fail("to have a check named \"" + name + "\" but its checks are " + names());
        }
        return new CheckResultAssert(check.orElseThrow());
    }

    /**
     * Verifies the report has checks of all these names, in any order, and maybe others.
     *
     * @param names the checks' registered names
     * @return this assert
     * @throws NullPointerException if {@code names} or one of them is null
     */
    public HealthReportAssert hasChecks(String... names) {
        Objects.requireNonNull(names, "names");
        isNotNull();
        List<String> present = names();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!present.contains(Objects.requireNonNull(name, "name"))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            fail("to have checks " + List.of(names) + " but " + missing + (missing.size() == 1 ? " is" : " are")
                    + " missing; its checks are " + present);
        }
        return this;
    }

    /**
     * Verifies the report has exactly these checks, in this (registration) order.
     *
     * @param names the checks' registered names
     * @return this assert
     * @throws NullPointerException if {@code names} or one of them is null
     */
    public HealthReportAssert hasExactlyChecks(String... names) {
        Objects.requireNonNull(names, "names");
        isNotNull();
        List<String> expected = List.of(names);
        if (!names().equals(expected)) {
            fail("to have exactly the checks " + expected + " in this order but its checks are " + names());
        }
        return this;
    }

    /**
     * Verifies the report has no check named {@code name}.
     *
     * @param name the name
     * @return this assert
     * @throws NullPointerException if {@code name} is null
     */
    public HealthReportAssert doesNotHaveCheck(String name) {
        Objects.requireNonNull(name, "name");
        isNotNull();
        if (actual.check(name).isPresent()) {
            fail("not to have a check named \"" + name + "\" but it has one");
        }
        return this;
    }

    /**
     * Verifies every check in the report is healthy (a report with no checks passes).
     *
     * @return this assert
     */
    public HealthReportAssert hasOnlyHealthyChecks() {
        isNotNull();
        List<String> failing = actual.checks().stream().filter(check -> check.status() != HealthStatus.HEALTHY)
                .map(check -> check.name() + " (" + check.status().label() + ")").toList();
        if (!failing.isEmpty()) {
            fail("to have only healthy checks but these are not: " + failing);
        }
        return this;
    }

    private List<String> names() {
        return actual.checks().stream().map(CheckResult::name).toList();
    }

    private void fail(String expectation) {
        failWithMessage("%s", "Expecting the health report " + expectation + System.lineSeparator()
                + "  " + ResultText.of(actual));
    }
}
