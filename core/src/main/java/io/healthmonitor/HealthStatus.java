package io.healthmonitor;

import java.util.Locale;

/**
 * The status of a check or of a whole report, ordered by severity: {@code HEALTHY < DEGRADED < UNHEALTHY}.
 *
 * <p>JSON and HTTP render a status with {@link #label()}, the lower-case word operators query with
 * {@code jq} ({@code healthy}, {@code degraded}, {@code unhealthy}).
 */
public enum HealthStatus {
    /** The dependency works as expected. */
    HEALTHY,
    /** The dependency works, but slowly or close to a limit; the service still serves. */
    DEGRADED,
    /** The dependency does not work. */
    UNHEALTHY;

    private final String label = name().toLowerCase(Locale.ROOT);

    /**
     * Returns the lower-case word used in JSON: {@code healthy}, {@code degraded} or {@code unhealthy}.
     *
     * @return the label, never null
     */
    public String label() {
        return label;
    }

    /**
     * Returns the more severe of this status and {@code other}.
     *
     * @param other the status to compare with
     * @return the worse of the two
     * @throws NullPointerException if {@code other} is null
     */
    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /**
     * Parses a label produced by {@link #label()}, ignoring case.
     *
     * @param label {@code healthy}, {@code degraded} or {@code unhealthy}
     * @return the status
     * @throws IllegalArgumentException if the label names no status
     */
    public static HealthStatus fromLabel(String label) {
        for (HealthStatus status : values()) {
            if (status.label.equalsIgnoreCase(label)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown health status: " + label);
    }
}
