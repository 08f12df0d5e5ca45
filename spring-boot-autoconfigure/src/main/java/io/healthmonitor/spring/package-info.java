/**
 * Spring Boot 4 auto-configuration of Health Monitor: a {@link io.healthmonitor.HealthMonitor} bean
 * over every {@link io.healthmonitor.HealthCheck} bean and every Actuator health contributor,
 * Actuator's health endpoint served from its reports, the library's checks for the application's
 * clients, the runbook endpoints on the application's server and the engine's meters.
 */
@NullMarked
package io.healthmonitor.spring;

import org.jspecify.annotations.NullMarked;
