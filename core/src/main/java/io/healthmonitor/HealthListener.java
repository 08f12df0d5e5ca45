package io.healthmonitor;

/**
 * Receives the status changes of a {@link HealthMonitor}'s checks.
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
     * Returns a listener that logs every change through slf4j (logger {@code io.healthmonitor.HealthMonitor}):
     * WARN when a check gets worse, INFO when it recovers.
     *
     * @return the logging listener
     */
    static HealthListener logging() {
        return LoggingListener.INSTANCE;
    }
}
