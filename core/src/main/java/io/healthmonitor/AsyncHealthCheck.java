package io.healthmonitor;

import java.util.concurrent.CompletionStage;

/**
 * A {@link HealthCheck} for non-blocking clients: it starts the probe and returns at once.
 *
 * <p>The engine applies the same deadline as to a blocking check: a stage that does not complete
 * in time is reported unhealthy and, when it is a {@link java.util.concurrent.CompletableFuture},
 * cancelled. A stage that completes exceptionally, or with null, is reported unhealthy.
 */
@FunctionalInterface
public interface AsyncHealthCheck {

    /**
     * Starts the probe.
     *
     * @return a stage that completes with the result
     * @throws Exception if the probe cannot even be started; reported as unhealthy
     */
    CompletionStage<HealthResult> checkAsync() throws Exception;
}
