package io.healthmonitor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one invocation of a {@link HealthCheck} found: a status, an optional message, ordered
 * details and an optional error.
 *
 * <p>Immutable and thread-safe. Details keep insertion order and hold only JSON-safe values:
 * {@link String}, {@link Boolean}, finite {@link Number}s of the JDK's own types, and
 * {@link java.util.List}s and {@link Map}s (with {@code String} keys) of those. Values of common types
 * with an obvious text are accepted and stored as that text: temporal values ({@code Instant},
 * {@code Duration}, dates) as ISO-8601, {@code UUID}s, {@code URI}s and enum constants (their name).
 * Name the unit in the key of a measurement ({@code latencyMillis}, {@code expiresInDays},
 * {@code freeBytes}), not of a count ({@code expiringIn30Days} would read as a number of days).
 *
 * @param status  the status, never null
 * @param message a short human-readable explanation, or null
 * @param details ordered details; copied and made unmodifiable
 * @param error   the failure behind an unhealthy result, or null
 */
public record HealthResult(
        HealthStatus status,
        @Nullable String message,
        Map<String, Object> details,
        @Nullable Throwable error) {

    private static final HealthResult HEALTHY = new HealthResult(HealthStatus.HEALTHY, null, Map.of(), null);

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if {@code status} or {@code details} is null, or a detail key is null
     * @throws IllegalArgumentException if a detail key is blank or a detail value is not JSON-safe
     */
    public HealthResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(details, "details");
        details = Details.copy(details);
    }

    /**
     * Returns a healthy result with no message and no details.
     *
     * @return a healthy result
     */
    public static HealthResult healthy() {
        return HEALTHY;
    }

    /**
     * Returns a healthy result with a message.
     *
     * @param message the message
     * @return a healthy result
     * @throws NullPointerException if {@code message} is null
     */
    public static HealthResult healthy(String message) {
        return new HealthResult(HealthStatus.HEALTHY, Objects.requireNonNull(message, "message"), Map.of(), null);
    }

    /**
     * Returns a degraded result: the dependency works, but slowly or close to a limit.
     *
     * @param message why it is degraded
     * @return a degraded result
     * @throws NullPointerException if {@code message} is null
     */
    public static HealthResult degraded(String message) {
        return new HealthResult(HealthStatus.DEGRADED, Objects.requireNonNull(message, "message"), Map.of(), null);
    }

    /**
     * Returns an unhealthy result.
     *
     * @param message why it is unhealthy
     * @return an unhealthy result
     * @throws NullPointerException if {@code message} is null
     */
    public static HealthResult unhealthy(String message) {
        return new HealthResult(HealthStatus.UNHEALTHY, Objects.requireNonNull(message, "message"), Map.of(), null);
    }

    /**
     * Returns an unhealthy result for a failure; the message is the exception's class and message.
     *
     * @param error the failure
     * @return an unhealthy result carrying {@code error}
     * @throws NullPointerException if {@code error} is null
     */
    public static HealthResult unhealthy(Throwable error) {
        Objects.requireNonNull(error, "error");
        return new HealthResult(HealthStatus.UNHEALTHY, describe(error), Map.of(), error);
    }

    /**
     * Returns an unhealthy result with a message of the caller's and the failure behind it.
     *
     * @param message why it is unhealthy
     * @param error   the failure
     * @return an unhealthy result carrying {@code error}
     * @throws NullPointerException if an argument is null
     */
    public static HealthResult unhealthy(String message, Throwable error) {
        return new HealthResult(HealthStatus.UNHEALTHY, Objects.requireNonNull(message, "message"), Map.of(),
                Objects.requireNonNull(error, "error"));
    }

    /**
     * Returns a result of the given status with a message.
     *
     * @param status  the status
     * @param message the message, or null
     * @return the result
     * @throws NullPointerException if {@code status} is null
     */
    public static HealthResult of(HealthStatus status, @Nullable String message) {
        return new HealthResult(status, message, Map.of(), null);
    }

    /**
     * Returns a copy with one more detail, or with {@code key}'s value replaced (keeping its position).
     *
     * @param key   the detail's name, naming its unit where it has one
     * @param value a JSON-safe value (see the class documentation)
     * @return a new result
     * @throws NullPointerException     if {@code key} or {@code value} is null
     * @throws IllegalArgumentException if {@code key} is blank or {@code value} is not JSON-safe
     */
    public HealthResult withDetail(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.put(key, value);
        return new HealthResult(status, message, copy, error);
    }

    /**
     * Returns a copy with the given details added after the existing ones.
     *
     * @param more details to add, in their iteration order
     * @return a new result
     * @throws NullPointerException     if {@code more} or one of its keys or values is null
     * @throws IllegalArgumentException if a key is blank or a value is not JSON-safe
     */
    public HealthResult withDetails(Map<String, ?> more) {
        Objects.requireNonNull(more, "details");
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.putAll(more);
        return new HealthResult(status, message, copy, error);
    }

    /**
     * Returns a copy with another status.
     *
     * @param newStatus the status
     * @return a new result
     * @throws NullPointerException if {@code newStatus} is null
     */
    public HealthResult withStatus(HealthStatus newStatus) {
        return new HealthResult(newStatus, message, details, error);
    }

    /**
     * Returns a copy with another message.
     *
     * @param newMessage the message, or null for none
     * @return a new result
     */
    public HealthResult withMessage(@Nullable String newMessage) {
        return new HealthResult(status, newMessage, details, error);
    }

    /**
     * Returns a copy carrying a failure.
     *
     * @param newError the failure, or null for none
     * @return a new result
     */
    public HealthResult withError(@Nullable Throwable newError) {
        return new HealthResult(status, message, details, newError);
    }

    /**
     * Describes a failure by its class and message, as reports show it: {@code java.net.ConnectException: Connection refused}.
     *
     * @param error the failure
     * @return the class name, and the message when there is one
     * @throws NullPointerException if {@code error} is null
     */
    public static String describe(Throwable error) {
        String text = error.getMessage();
        return text == null || text.isBlank() ? error.getClass().getName() : error.getClass().getName() + ": " + text;
    }
}
