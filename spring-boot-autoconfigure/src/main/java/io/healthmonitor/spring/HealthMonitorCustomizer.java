package io.healthmonitor.spring;

import io.healthmonitor.HealthMonitor;

/**
 * Customizes the auto-configured {@link HealthMonitor} before it is built: register more checks,
 * add listeners, set an executor or the concurrency bound. Declare it as a bean; customizers run in
 * their {@code @Order}, after the checks found in the context have been registered.
 */
@FunctionalInterface
public interface HealthMonitorCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder of the application's monitor
     */
    void customize(HealthMonitor.Builder builder);
}
