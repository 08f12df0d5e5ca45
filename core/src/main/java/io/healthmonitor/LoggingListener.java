package io.healthmonitor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs status changes: a check's first result (INFO when healthy, WARN otherwise), then WARN on
 * degradation and INFO on recovery. Results are already redacted.
 */
enum LoggingListener implements HealthListener {
    INSTANCE;

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    @Override
    public void onStatusChange(StatusChange change) {
        String message = change.result().message();
        if (change.isFirstResult()) {
            if (change.isDegradation()) {
                LOG.warn("health check '{}' first result: {}: {}", change.check(), change.current().label(),
                        message == null ? "no message" : message);
            } else {
                LOG.info("health check '{}' first result: {}", change.check(), change.current().label());
            }
        } else if (change.isDegradation()) {
            LOG.warn("health check '{}' changed from {} to {}: {}", change.check(), change.previous().label(),
                    change.current().label(), message == null ? "no message" : message);
        } else {
            LOG.info("health check '{}' recovered from {} to {}", change.check(), change.previous().label(),
                    change.current().label());
        }
    }
}
