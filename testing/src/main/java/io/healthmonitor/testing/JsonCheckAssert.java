package io.healthmonitor.testing;

import io.healthmonitor.HealthStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on one check of a JSON health body, obtained from
 * {@link JsonHealthAssert#hasCheck(String)} or {@link JsonHealthAssert#asCheck()}. The check is the
 * parsed JSON object of the detailed report contract:
 * {@code {"name":"database","status":"healthy","critical":true,"responseTime":12.5,"timestamp":"...",
 * "message":"...","details":{...},"error":"...","tags":[...]}}.
 *
 * <p>Every failure names the check and shows its whole JSON object. Details compare numbers by
 * value, so {@code withDetail("x", 10)} matches {@code 10} and {@code 10.0} in the body.
 * Not thread-safe, like every AssertJ assert.
 */
public final class JsonCheckAssert extends AbstractAssert<JsonCheckAssert, Map<String, Object>> {

    private final String name;

    JsonCheckAssert(String name, Map<String, Object> check) {
        super(check, JsonCheckAssert.class);
        this.name = name;
    }

    /**
     * Verifies the check's {@code status} is {@code expected}'s label.
     *
     * @param expected the status
     * @return this assert
     * @throws NullPointerException if {@code expected} is null
     */
    public JsonCheckAssert withStatus(HealthStatus expected) {
        Objects.requireNonNull(expected, "expected");
        Object status = actual.get("status");
        if (!expected.label().equals(status)) {
            fail("to have status \"" + expected.label() + "\" but it was " + shown("status"));
        }
        return this;
    }

    /**
     * Verifies the check is healthy.
     *
     * @return this assert
     */
    public JsonCheckAssert isHealthy() {
        return withStatus(HealthStatus.HEALTHY);
    }

    /**
     * Verifies the check is degraded.
     *
     * @return this assert
     */
    public JsonCheckAssert isDegraded() {
        return withStatus(HealthStatus.DEGRADED);
    }

    /**
     * Verifies the check is unhealthy.
     *
     * @return this assert
     */
    public JsonCheckAssert isUnhealthy() {
        return withStatus(HealthStatus.UNHEALTHY);
    }

    /**
     * Verifies the check's {@code message} equals {@code expected}.
     *
     * @param expected the whole message
     * @return this assert
     * @throws NullPointerException if {@code expected} is null
     */
    public JsonCheckAssert withMessage(String expected) {
        Objects.requireNonNull(expected, "expected");
        if (!expected.equals(actual.get("message"))) {
            fail("to have message \"" + expected + "\" but it was " + shown("message"));
        }
        return this;
    }

    /**
     * Verifies the check's {@code message} contains {@code expected}.
     *
     * @param expected a part of the message
     * @return this assert
     * @throws NullPointerException if {@code expected} is null
     */
    public JsonCheckAssert withMessageContaining(String expected) {
        Objects.requireNonNull(expected, "expected");
        if (!(actual.get("message") instanceof String message) || !message.contains(expected)) {
            fail("to have a message containing \"" + expected + "\" but it was " + shown("message"));
        }
        return this;
    }

    /**
     * Verifies the check has no {@code message} field (absent fields are omitted, not null).
     *
     * @return this assert
     */
    public JsonCheckAssert withoutMessage() {
        if (actual.containsKey("message")) {
            fail("to have no message field but it was " + shown("message"));
        }
        return this;
    }

    /**
     * Verifies a value in the check's {@code details} object. {@code key} is looked up as a
     * literal key first, then as a dotted path into nested objects; numbers compare by value.
     *
     * @param key      the detail's key or dotted path
     * @param expected the value ({@code null} for a JSON null)
     * @return this assert
     * @throws NullPointerException if {@code key} is null
     */
    public JsonCheckAssert withDetail(String key, @Nullable Object expected) {
        Objects.requireNonNull(key, "key");
        String problem = DetailValues.mismatch(details(), key, expected);
        if (problem != null) {
            fail(problem);
        }
        return this;
    }

    /**
     * Verifies the check's {@code details} have no value at {@code key} (literal or dotted path).
     *
     * @param key the detail's key or dotted path
     * @return this assert
     * @throws NullPointerException if {@code key} is null
     */
    public JsonCheckAssert withoutDetail(String key) {
        Objects.requireNonNull(key, "key");
        DetailValues.Lookup lookup = DetailValues.find(details(), key);
        if (lookup.found()) {
            fail("to have no detail \"" + key + "\" but it was " + DetailValues.describeActual(key, lookup.value()));
        }
        return this;
    }

    /**
     * Verifies the check's {@code error} contains {@code expected}.
     *
     * @param expected a part of the error summary
     * @return this assert
     * @throws NullPointerException if {@code expected} is null
     */
    public JsonCheckAssert withErrorContaining(String expected) {
        Objects.requireNonNull(expected, "expected");
        if (!(actual.get("error") instanceof String error) || !error.contains(expected)) {
            fail("to have an error containing \"" + expected + "\" but it was " + shown("error"));
        }
        return this;
    }

    /**
     * Verifies the check has no {@code error} field.
     *
     * @return this assert
     */
    public JsonCheckAssert withoutError() {
        if (actual.containsKey("error")) {
            fail("to have no error field but it was " + shown("error"));
        }
        return this;
    }

    /**
     * Verifies the check's {@code responseTime} (milliseconds) is at most {@code limit}.
     *
     * @param limit the longest acceptable response time
     * @return this assert
     * @throws NullPointerException     if {@code limit} is null
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public JsonCheckAssert respondedWithin(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
        if (!(actual.get("responseTime") instanceof Number responseTime)) {
            fail("to have a numeric responseTime but it was " + shown("responseTime"));
            return this;
        }
        BigDecimal limitMillis = BigDecimal.valueOf(limit.toNanos()).movePointLeft(6);
        if (new BigDecimal(responseTime.toString()).compareTo(limitMillis) > 0) {
            fail("to respond within " + limitMillis.stripTrailingZeros().toPlainString() + " ms but its responseTime was "
                    + responseTime + " ms");
        }
        return this;
    }

    /**
     * Verifies the check's {@code critical} field is {@code true}.
     *
     * @return this assert
     */
    public JsonCheckAssert isCritical() {
        if (!Boolean.TRUE.equals(actual.get("critical"))) {
            fail("to be critical but its critical field was " + shown("critical"));
        }
        return this;
    }

    /**
     * Verifies the check's {@code critical} field is {@code false}.
     *
     * @return this assert
     */
    public JsonCheckAssert isNotCritical() {
        if (!Boolean.FALSE.equals(actual.get("critical"))) {
            fail("to be non-critical but its critical field was " + shown("critical"));
        }
        return this;
    }

    /**
     * Verifies the check's {@code tags} array contains {@code tag}.
     *
     * @param tag the tag
     * @return this assert
     * @throws NullPointerException if {@code tag} is null
     */
    public JsonCheckAssert withTag(String tag) {
        Objects.requireNonNull(tag, "tag");
        if (!(actual.get("tags") instanceof List<?> tags) || !tags.contains(tag)) {
            fail("to have tag \"" + tag + "\" but its tags were " + shown("tags"));
        }
        return this;
    }

    @SuppressWarnings("unchecked") // parsed JSON objects always have String keys
    private Map<String, Object> details() {
        Object details = actual.get("details");
        if (details == null && !actual.containsKey("details")) {
            return Map.of();
        }
        if (!(details instanceof Map<?, ?>)) {
            fail("to have a details object but it was " + shown("details"));
        }
        return (Map<String, Object>) details;
    }

    private String shown(String field) {
        return actual.containsKey(field) ? JsonBody.write(actual.get(field)) : "absent";
    }

    private void fail(String expectation) {
        failWithMessage("%s", "Expecting check \"" + name + "\" in the JSON body " + expectation
                + System.lineSeparator() + "  check \"" + name + "\": " + JsonBody.write(DetailValues.masked(actual)));
    }
}
