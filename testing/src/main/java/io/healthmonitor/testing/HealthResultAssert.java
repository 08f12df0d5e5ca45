package io.healthmonitor.testing;

import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.Redactor;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on what one invocation of a check returned, obtained from
 * {@link HealthAssertions#assertThat(HealthResult)}: use it to unit-test a check without a monitor.
 *
 * <pre>{@code
 * assertThat(DiskSpaceHealthCheck.of(path).check(CheckContext.of("disk", Duration.ofSeconds(1))))
 *     .isDegraded()
 *     .hasMessageContaining("free")
 *     .hasDetail("freeBytes", 1024);
 * }</pre>
 *
 * <p>Every failure shows the whole result. Details compare numbers by value. Not thread-safe,
 * like every AssertJ assert.
 */
public final class HealthResultAssert extends AbstractAssert<HealthResultAssert, HealthResult> {

    /**
     * Creates an assert on {@code actual}; prefer {@link HealthAssertions#assertThat(HealthResult)}.
     *
     * @param actual the result, may be null (assertions then fail)
     */
    public HealthResultAssert(@Nullable HealthResult actual) {
        super(actual, HealthResultAssert.class);
    }

    /**
     * Verifies the result's status.
     *
     * @param expected the status
     * @return this assert
     * @throws NullPointerException if {@code expected} is null
     */
    public HealthResultAssert hasStatus(HealthStatus expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (actual.status() != expected) {
            fail("to have status " + expected.label() + " but it was " + actual.status().label());
        }
        return this;
    }

    /**
     * Verifies the result is healthy.
     *
     * @return this assert
     */
    public HealthResultAssert isHealthy() {
        return hasStatus(HealthStatus.HEALTHY);
    }

    /**
     * Verifies the result is degraded.
     *
     * @return this assert
     */
    public HealthResultAssert isDegraded() {
        return hasStatus(HealthStatus.DEGRADED);
    }

    /**
     * Verifies the result is unhealthy.
     *
     * @return this assert
     */
    public HealthResultAssert isUnhealthy() {
        return hasStatus(HealthStatus.UNHEALTHY);
    }

    /**
     * Verifies the result's message equals {@code expected}.
     *
     * @param expected the whole message
     * @return this assert
     * @throws NullPointerException if {@code expected} is null
     */
    public HealthResultAssert hasMessage(String expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (!expected.equals(actual.message())) {
            fail("to have message " + ResultText.quoted(expected) + " but it was " + ResultText.shown(actual.message()));
        }
        return this;
    }

    /**
     * Verifies the result's message contains {@code expected}.
     *
     * @param expected a part of the message
     * @return this assert
     * @throws NullPointerException if {@code expected} is null
     */
    public HealthResultAssert hasMessageContaining(String expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (actual.message() == null || !actual.message().contains(expected)) {
            fail("to have a message containing " + ResultText.quoted(expected) + " but it was "
                    + ResultText.shown(actual.message()));
        }
        return this;
    }

    /**
     * Verifies the result has no message.
     *
     * @return this assert
     */
    public HealthResultAssert hasNoMessage() {
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
     * @param key      the detail's key or dotted path
     * @param expected the value
     * @return this assert
     * @throws NullPointerException if {@code key} is null
     */
    public HealthResultAssert hasDetail(String key, @Nullable Object expected) {
        Objects.requireNonNull(key, "key");
        isNotNull();
        String problem = DetailValues.mismatch(actual.details(), key, expected);
        if (problem != null) {
            fail(problem);
        }
        return this;
    }

    /**
     * Verifies the result has no details at all.
     *
     * @return this assert
     */
    public HealthResultAssert hasNoDetails() {
        isNotNull();
        if (!actual.details().isEmpty()) {
            fail("to have no details but it has " + actual.details().keySet());
        }
        return this;
    }

    /**
     * Verifies the result carries an error that is an instance of {@code type}.
     *
     * @param type the expected class of the error (or a superclass of it)
     * @return this assert
     * @throws NullPointerException if {@code type} is null
     */
    public HealthResultAssert hasErrorInstanceOf(Class<? extends Throwable> type) {
        Objects.requireNonNull(type, "type");
        isNotNull();
        if (!type.isInstance(actual.error())) {
            fail("to have an error of type " + type.getName() + " but it was "
                    + (actual.error() == null ? "none" : actual.error().getClass().getName()));
        }
        return this;
    }

    /**
     * Verifies the result carries an error whose message contains {@code expected}.
     *
     * @param expected a part of the error's message
     * @return this assert
     * @throws NullPointerException if {@code expected} is null
     */
    public HealthResultAssert hasErrorMessageContaining(String expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        Throwable error = actual.error();
        String message = error == null ? null : error.getMessage();
        if (message == null || !message.contains(expected)) {
            fail("to have an error whose message contains " + ResultText.quoted(expected) + " but it was "
                    + (error == null ? "no error" : ResultText.shown(message)));
        }
        return this;
    }

    /**
     * Verifies the result carries no error.
     *
     * @return this assert
     */
    public HealthResultAssert hasNoError() {
        isNotNull();
        if (actual.error() != null) {
            fail("to have no error but it was " + Redactor.redact(HealthResult.describe(actual.error())));
        }
        return this;
    }

    private void fail(String expectation) {
        failWithMessage("%s", "Expecting the health result " + expectation + System.lineSeparator()
                + "  " + ResultText.of(actual));
    }
}
