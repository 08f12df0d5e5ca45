package io.healthmonitor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Adapts a blocking {@link HealthCheck} so the engine runs every check the same way: it calls
 * {@link #checkAsync()} on a worker thread, which for this adapter does all the work there (and
 * is what a deadline interrupts).
 */
record BlockingCheck(HealthCheck check) implements AsyncHealthCheck {

    @Override
    public CompletionStage<HealthResult> checkAsync() throws Exception {
        return CompletableFuture.completedFuture(check.check());
    }
}
