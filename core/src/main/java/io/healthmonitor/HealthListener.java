package io.healthmonitor;

/**
 * Receives the status changes of a {@link HealthMonitor}'s checks, and optionally every result.
 *
 * <p>Events are delivered off the thread that requested a report, one at a time and in the order
 * the changes happened, on the monitor's executor. A listener that throws is logged and does not
 * stop delivery to the others.
 */
@FunctionalInterface
public interface HealthListener {

    /**
     * Called when a check's reported status changes.
     *
     * @param change the change
     */
    void onStatusChange(StatusChange change);

    /**
     * Called once for every invocation's result, before hysteresis damps its status; cached or
     * background results served again to later reports are not repeated. Does nothing by default.
     *
     * @param result the invocation's result
     */
    default void onResult(CheckResult result) {
    }

    /**
     * Returns a listener that logs every change through slf4j (logger {@code io.healthmonitor.HealthMonitor}):
     * WARN when a check gets worse, INFO when it recovers.
     *
     * @return the logging listener
     */
    static HealthListener logging() {
        return LoggingListener.INSTANCE;
    }
}
