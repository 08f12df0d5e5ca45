package io.healthmonitor;

/**
 * Checks one dependency of a service and says how it is.
 *
 * <p>This is the whole SPI: a check only probes. Its name, deadline, criticality, tags and
 * scheduling belong to the registration ({@link HealthMonitor.Builder#register}). A check should
 * honour the deadline in its own client calls too (socket and command timeouts), because the
 * engine can only interrupt a thread, not stop the work a driver is doing.
 *
 * <p>A check may throw or return null: the engine turns either into an {@link HealthStatus#UNHEALTHY}
 * result, so a check never needs to catch exceptions just to report them.
 *
 * <p>For clients that are non-blocking, implement {@link AsyncHealthCheck} instead.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Probes the dependency.
     *
     * @return the result; null is reported as unhealthy
     * @throws Exception any failure, reported as unhealthy with the exception's class and message
     */
    HealthResult check() throws Exception;
}
