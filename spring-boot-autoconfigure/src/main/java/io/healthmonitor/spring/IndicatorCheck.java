package io.healthmonitor.spring;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * An Actuator {@link HealthIndicator} as a check of the engine, which gives it a deadline, a cache,
 * single-flight and hysteresis. The indicator learns no deadline: the engine reports it unhealthy
 * at the deadline and interrupts its thread. Thread-safe when the indicator is.
 */
final class IndicatorCheck implements HealthCheck {

    private final HealthIndicator indicator;

    IndicatorCheck(HealthIndicator indicator) {
        this.indicator = indicator;
    }

    @Override
    public HealthResult check(CheckContext context) {
        return ActuatorStatuses.result(indicator.health(true));
    }

    @Override
    public String toString() {
        return "IndicatorCheck[" + indicator.getClass().getName() + "]";
    }
}
