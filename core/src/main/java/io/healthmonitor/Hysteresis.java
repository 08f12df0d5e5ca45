package io.healthmonitor;

/**
 * Damps flapping: a check's reported status only changes after enough consecutive results agree.
 *
 * <p>With {@code Hysteresis.of(3, 2)}, a healthy check is reported failing only after three
 * consecutive results with the same worse status, and a failing one is reported recovered only
 * after two consecutive results with the same better status. Until then the report keeps the
 * previous status and shows the newest result's message and details, with a
 * {@code hysteresisPending} detail saying which status is pending and how many results agree so far.
 *
 * @param failures   consecutive results needed to report a worse status, at least 1
 * @param recoveries consecutive results needed to report a better status, at least 1
 */
public record Hysteresis(int failures, int recoveries) {

    /** No damping: every result is reported as it is. */
    public static final Hysteresis NONE = new Hysteresis(1, 1);

    /**
     * Validates the thresholds.
     *
     * @throws IllegalArgumentException if a threshold is below 1
     */
    public Hysteresis {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be >= 1");
        }
        if (recoveries < 1) {
            throw new IllegalArgumentException("recoveries must be >= 1");
        }
    }

    /**
     * Returns the hysteresis with the given thresholds.
     *
     * @param failures   consecutive results needed to report a worse status
     * @param recoveries consecutive results needed to report a better status
     * @return the hysteresis
     * @throws IllegalArgumentException if a threshold is below 1
     */
    public static Hysteresis of(int failures, int recoveries) {
        return new Hysteresis(failures, recoveries);
    }
}
