package io.healthmonitor.spring;

import io.healthmonitor.AsyncHealthCheck;
import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthResult;
import java.util.concurrent.CompletionStage;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * An Actuator {@link ReactiveHealthIndicator} as an asynchronous check of the engine: the engine
 * subscribes, and cancels the subscription at the deadline. Thread-safe when the indicator is.
 */
final class ReactiveIndicatorCheck implements AsyncHealthCheck {

    private final ReactiveHealthIndicator indicator;

    ReactiveIndicatorCheck(ReactiveHealthIndicator indicator) {
        this.indicator = indicator;
    }

    @Override
    public CompletionStage<HealthResult> checkAsync(CheckContext context) {
        return indicator.health(true)
                .map(ActuatorStatuses::result)
                .switchIfEmpty(Mono.fromSupplier(() -> HealthResult.unhealthy("the health indicator completed empty")))
                .toFuture();
    }

    @Override
    public String toString() {
        return "ReactiveIndicatorCheck[" + indicator.getClass().getName() + "]";
    }
}
