package io.healthmonitor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link HealthCheck} for non-blocking clients: it starts the probe and returns at once.
 *
 * <p>The engine calls {@link #checkAsync(CheckContext)} and applies the same deadline as to a
 * blocking check: a stage that does not complete in time is reported unhealthy and, when it is a
 * {@link CompletableFuture}, cancelled. A stage that completes exceptionally, or with null, is
 * reported unhealthy. Register it like any check: {@code register("redis", redisCheck)}. A lambda
 * needs its type spelled out, for example {@code AsyncHealthCheck ping = ctx -> client.ping();}.
 */
@FunctionalInterface
public interface AsyncHealthCheck extends HealthCheck {

    /**
     * Starts the probe.
     *
     * @param context the invocation's name, deadline and clock
     * @return a stage that completes with the result
     * @throws Exception if the probe cannot even be started; reported as unhealthy
     */
    CompletionStage<HealthResult> checkAsync(CheckContext context) throws Exception;

    /**
     * Starts the probe and waits for its result until the context's deadline, for callers that
     * need a blocking check (the engine itself never calls this).
     *
     * @param context the invocation's name, deadline and clock
     * @return the result
     * @throws TimeoutException if the stage is not complete by the deadline (it is then cancelled)
     * @throws Exception        the failure the stage completed with, or any failure to start it
     */
    @Override
    default HealthResult check(CheckContext context) throws Exception {
        CompletionStage<HealthResult> stage = checkAsync(context);
        if (stage == null) {
            return null;
        }
        CompletableFuture<HealthResult> future = stage.toCompletableFuture();
        try {
            return future.get(context.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception failure ? failure : e;
        }
    }
}
