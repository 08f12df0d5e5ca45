package io.healthmonitor.testing;

import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthStatus;
import java.time.Duration;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on one check's entry in a report, obtained from
 * {@link HealthAssertions#assertThat(CheckResult)} or {@link HealthReportAssert#hasCheck(String)}.
 *
 * <pre>{@code
 * assertThat(report).hasCheck("db")
 *     .withStatus(HealthStatus.UNHEALTHY)
 *     .withMessageContaining("refused")
 *     .withDetail("pool.active", 10)
 *     .respondedWithin(Duration.ofSeconds(1))
 *     .isCritical();
 * }</pre>
 *
 * <p>Every failure names the check and shows its whole result: status, criticality, duration,
 * message, details, error and tags. Details compare numbers by value, so {@code withDetail("x", 10)}
 * matches an {@code Integer}, a {@code Long} or a {@code Double} 10. Not thread-safe, like every AssertJ assert.
 */
public final class CheckResultAssert extends AbstractAssert<CheckResultAssert, CheckResult> {

    /**
     * Creates an assert on {@code actual}; prefer {@link HealthAssertions#assertThat(CheckResult)}.
     *
     * @param actual the check result, may be null (assertions then fail)
     */
    public CheckResultAssert(@Nullable CheckResult actual) {
        super(actual, CheckResultAssert.class);
    }

    /**
     * Verifies the check's status.
     *
     * @param expected the status
     * @return this assert
     * @throws NullPointerException if {@code expected} is null
     */
    public CheckResultAssert withStatus(HealthStatus expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (actual.status() != expected) {
            fail("to have status " + expected.label() + " but it was " + actual.status().label());
        }
        return this;
    }

    /**
     * Verifies the check is healthy.
     *
     * @return this assert
     */
    public CheckResultAssert isHealthy() {
        return withStatus(HealthStatus.HEALTHY);
    }

    /**
     * Verifies the check is degraded.
     *
     * @return this assert
     */
    public CheckResultAssert isDegraded() {
        return withStatus(HealthStatus.DEGRADED);
    }

    /**
     * Verifies the check is unhealthy.
     *
     * @return this assert
     */
    public CheckResultAssert isUnhealthy() {
        return withStatus(HealthStatus.UNHEALTHY);
    }

    /**
     * Verifies the check's message equals {@code expected}.
     *
     * @param expected the whole message
     * @return this assert
     * @throws NullPointerException if {@code expected} is null
     */
    public CheckResultAssert withMessage(String expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (!expected.equals(actual.message())) {
            fail("to have message " + ResultText.quoted(expected) + " but it was " + ResultText.shown(actual.message()));
        }
        return this;
    }

    /**
     * Verifies the check's message contains {@code expected}.
     *
     * @param expected a part of the message
     * @return this assert
     * @throws NullPointerException if {@code expected} is null
     */
    public CheckResultAssert withMessageContaining(String expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (actual.message() == null || !actual.message().contains(expected)) {
            fail("to have a message containing " + ResultText.quoted(expected) + " but it was "
                    + ResultText.shown(actual.message()));
        }
        return this;
    }

    /**
     * Verifies the check has no message.
     *
     * @return this assert
     */
    public CheckResultAssert withoutMessage() {
        isNotNull();
        if (actual.message() != null) {
            fail("to have no message but it was " + ResultText.shown(actual.message()));
        }
        return this;
    }

    /**
     * Verifies a detail's value. {@code key} is looked up as a literal key first, then as a dotted
     * path into nested maps; numbers compare by value, lists and maps element by element.
     *
     * @param key      the detail's key or dotted path, such as {@code pool.active}
     * @param expected the value
     * @return this assert
     * @throws NullPointerException if {@code key} is null
     */
    public CheckResultAssert withDetail(String key, @Nullable Object expected) {
        Objects.requireNonNull(key, "key");
        isNotNull();
        String problem = DetailValues.mismatch(actual.details(), key, expected);
        if (problem != null) {
            fail(problem);
        }
        return this;
    }

    /**
     * Verifies the check has no detail {@code key} (literal or dotted path).
     *
     * @param key the detail's key or dotted path
     * @return this assert
     * @throws NullPointerException if {@code key} is null
     */
    public CheckResultAssert withoutDetail(String key) {
        Objects.requireNonNull(key, "key");
        isNotNull();
        DetailValues.Lookup lookup = DetailValues.find(actual.details(), key);
        if (lookup.found()) {
            fail("to have no detail \"" + key + "\" but it was " + DetailValues.describeActual(key, lookup.value()));
        }
        return this;
    }

    /**
     * Verifies the check carries an error summary containing {@code expected}, such as an
     * exception's class name or part of its message.
     *
     * @param expected a part of the error summary
     * @return this assert
     * @throws NullPointerException if {@code expected} is null
     */
    public CheckResultAssert withErrorContaining(String expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (actual.error() == null || !actual.error().contains(expected)) {
            fail("to have an error containing " + ResultText.quoted(expected) + " but it was "
                    + ResultText.shown(actual.error()));
        }
        return this;
    }

    /**
     * Verifies the check carries no error.
     *
     * @return this assert
     */
    public CheckResultAssert withoutError() {
        isNotNull();
        if (actual.error() != null) {
            fail("to have no error but it was " + ResultText.shown(actual.error()));
        }
        return this;
    }

    /**
     * Verifies the check's invocation took at most {@code limit}.
     *
     * @param limit the longest acceptable duration
     * @return this assert
     * @throws NullPointerException     if {@code limit} is null
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public CheckResultAssert respondedWithin(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
        isNotNull();
        if (actual.duration().compareTo(limit) > 0) {
            fail("to respond within " + ResultText.millis(limit) + " but it took " + ResultText.millis(actual.duration()));
        }
        return this;
    }

    /**
     * Verifies the check is critical: its failure makes the whole report unhealthy.
     *
     * @return this assert
     */
    public CheckResultAssert isCritical() {
        isNotNull();
        if (!actual.critical()) {
            fail("to be critical but it is not");
        }
        return this;
    }

    /**
     * Verifies the check is not critical: its failure makes the report at most degraded.
     *
     * @return this assert
     */
    public CheckResultAssert isNotCritical() {
        isNotNull();
        if (actual.critical()) {
            fail("to be non-critical but it is critical");
        }
        return this;
    }

    /**
     * Verifies the check carries the tag (belongs to the group) {@code tag}.
     *
     * @param tag the tag, such as {@code readiness}
     * @return this assert
     * @throws NullPointerException if {@code tag} is null
     */
    public CheckResultAssert withTag(String tag) {
        Objects.requireNonNull(tag, "tag");
        isNotNull();
        if (!actual.tags().contains(tag)) {
            fail("to have tag \"" + tag + "\" but its tags are " + actual.tags());
        }
        return this;
    }

    private void fail(String expectation) {
        failWithMessage("%s", "Expecting check \"" + actual.name() + "\" " + expectation + System.lineSeparator()
                + "  " + ResultText.of(actual));
    }
}
