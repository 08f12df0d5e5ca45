package io.healthmonitor;

/**
 * Checks one dependency of a service and says how it is.
 *
 * <p>This is the whole SPI: a check only probes. Its name, deadline, criticality, tags and
 * scheduling belong to the registration ({@link HealthMonitor.Builder#register}). The engine hands
 * every invocation a {@link CheckContext} that says by when it must be done: derive the timeouts of
 * your own client calls (socket, command, pool wait, handshake) from
 * {@link CheckContext#clientTimeout()}, because the engine can only interrupt a thread, not stop
 * the work a driver is doing, and a check that gives up by itself reports a more precise failure
 * than the engine's "timed out".
 *
 * <pre>{@code
 * HealthCheck ping = ctx -> HealthResult.healthy();
 * HealthCheck database = ctx -> connection.isValid(Math.max(1, (int) ctx.clientTimeout().toSeconds()))
 *         ? HealthResult.healthy() : HealthResult.unhealthy("connection is not valid");
 * }</pre>
 *
 * <p>A check may throw or return null: the engine turns either into an {@link HealthStatus#UNHEALTHY}
 * result, so a check never needs to catch exceptions just to report them.
 *
 * <p>For clients that are non-blocking, implement {@link AsyncHealthCheck}, which is a
 * {@code HealthCheck} too: every check registers the same way.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Probes the dependency, within the context's deadline.
     *
     * @param context the invocation's name, deadline and clock
     * @return the result; null is reported as unhealthy
     * @throws Exception any failure, reported as unhealthy with the exception's class and message
     */
    HealthResult check(CheckContext context) throws Exception;
}
