package io.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One check's entry in a {@link HealthReport}: its latest result as the engine reports it, with
 * the registration's name, criticality and tags.
 *
 * <p>Immutable and thread-safe. The message, the error summary and text details have already
 * passed through {@link Redactor}: a check result never carries a credential.
 *
 * @param name       the check's registered name
 * @param status     the status reported for the check (after the slow threshold, hysteresis and staleness)
 * @param message    a short explanation, or null
 * @param details    the check's details, in insertion order
 * @param error      a one-line summary of the failure ({@code class: message}), or null; never a stack trace
 * @param duration   how long the invocation took (the deadline, for one that timed out)
 * @param observedAt when the result was produced
 * @param critical   whether the check's failure makes the whole report unhealthy
 * @param tags       the groups the check belongs to, in registration order
 * @param checked    false while the check has no first result yet ("not yet checked"): such an
 *                   entry is {@link HealthStatus#UNHEALTHY}, with no duration, and makes a report not
 *                   {@link HealthReport#ready() ready}
 */
public record CheckResult(
        String name,
        HealthStatus status,
        @Nullable String message,
        Map<String, Object> details,
        @Nullable String error,
        Duration duration,
        Instant observedAt,
        boolean critical,
        Set<String> tags,
        boolean checked) {

    /** The message of a check that has no first result yet. */
    public static final String NOT_YET_CHECKED = "not yet checked";

    /**
     * The most characters of a check's message and error summary that reach a result: the engine
     * cuts a longer one (a check that put a whole response body into its message) after redacting
     * it, ending it with {@code "…"}, so that reports, logs and metrics stay small.
     */
    public static final int MAX_MESSAGE_LENGTH = 4096;

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if a non-nullable component is null
     * @throws IllegalArgumentException if {@code duration} is negative, or {@code checked} is false with
     *                                  another status than unhealthy
     */
    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        details = Details.copy(details);
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must be >= 0");
        }
        Objects.requireNonNull(observedAt, "observedAt");
        tags = tags.isEmpty() ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(tags));
        if (!checked && status != HealthStatus.UNHEALTHY) {
            throw new IllegalArgumentException("a check that has no result yet is unhealthy, was " + status);
        }
    }

    /**
     * Returns the entry of a check that has no first result yet: unhealthy, "not yet checked".
     *
     * @param name     the check's registered name
     * @param critical whether the check is critical
     * @param tags     the check's groups
     * @param now      when the report asked
     * @return the entry
     */
    public static CheckResult notYetChecked(String name, boolean critical, Set<String> tags, Instant now) {
        return new CheckResult(name, HealthStatus.UNHEALTHY, NOT_YET_CHECKED, Map.of(), null, Duration.ZERO, now,
                critical, tags, false);
    }

    /**
     * Returns the duration in whole milliseconds, the {@code responseTime} of the JSON report.
     *
     * @return the response time in milliseconds
     */
    public long responseTimeMillis() {
        return duration.toMillis();
    }

    /**
     * Returns a copy with another status and message.
     *
     * @param newStatus  the status
     * @param newMessage the message
     * @return a new check result
     */
    public CheckResult withStatus(HealthStatus newStatus, @Nullable String newMessage) {
        return new CheckResult(name, newStatus, newMessage, details, error, duration, observedAt, critical, tags, checked);
    }

    /**
     * How much of a longer text the engine redacts before it cuts it to {@link #MAX_MESSAGE_LENGTH}:
     * the Redactor's time grows with the text (0.6-0.8 s for a 5 MB message, longer on a loaded
     * machine, while the report waits), and all but the first characters are cut anyway. A
     * credential that begins in what is shown is masked unless it is longer than the rest of this.
     */
    static final int REDACTED_LENGTH = 16 * MAX_MESSAGE_LENGTH;

    /**
     * What a result shows of a message, an error summary or a text detail: {@code text} redacted,
     * then cut to {@link #MAX_MESSAGE_LENGTH}. Of a text longer than {@link #REDACTED_LENGTH}, only
     * that much is read, and what is shown ends with {@code "…"} even when masking made it shorter.
     */
    static @Nullable String shown(@Nullable String text) {
        if (text == null || text.length() <= REDACTED_LENGTH) {
            return shortened(Redactor.redact(text), MAX_MESSAGE_LENGTH);
        }
        int end = Character.isHighSurrogate(text.charAt(REDACTED_LENGTH - 1)) ? REDACTED_LENGTH - 1 : REDACTED_LENGTH;
        return shortened(Redactor.redact(text.substring(0, end)) + "\u2026", MAX_MESSAGE_LENGTH);
    }

    /** {@code text} cut to at most {@code max} characters, ending with {@code "…"} when cut; never splits a surrogate pair. */
    static @Nullable String shortened(@Nullable String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }
}
