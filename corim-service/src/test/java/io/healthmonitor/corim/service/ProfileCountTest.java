package io.healthmonitor.corim.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.micrometer.HealthMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProfileCountTest {

    @Test
    void aScrapeNeverWaitsForTheStoreAndReadsTheLastCount() throws Exception {
        // Found by an operator's test: with Redis hung, every scrape of /metrics took the store's 2 s
        // command timeout, so a 1 s scrape failed during the outage the Redis alerts are for.
        CountDownLatch storeAnswers = new CountDownLatch(1);
        CountDownLatch counted = new CountDownLatch(1);
        CorimProfileStore store = store(() -> {
            try {
                if (!storeAnswers.await(10, TimeUnit.SECONDS)) {
                    throw new CorimStoreException("no answer", null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            counted.countDown();
            return 3;
        });
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            CorimMeters.ProfileCount count = new CorimMeters.ProfileCount(store, executor);
            // The store has not answered: a read that asked it on this thread could not return before the latch.
            assertThat(count.read()).isNaN();
            assertThat(count.read()).isNaN();
            storeAnswers.countDown();
            assertThat(counted.await(10, TimeUnit.SECONDS)).isTrue();
            executor.submit(() -> { }).get(10, TimeUnit.SECONDS);   // the counting task has finished
            assertThat(count.read()).isEqualTo(3.0);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aStoreThatFailsReadsAsNaN() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            CorimMeters.ProfileCount count = new CorimMeters.ProfileCount(store(() -> {
                throw new CorimStoreException("Redis refused", null);
            }), executor);
            executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
            assertThat(count.read()).isNaN();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void endpointsBuiltAgainOnTheSameRegistryCountTheirOwnStore() {
        // Micrometer handed the second handler's gauge back as the first one's, which kept counting
        // the first store (a reload's old store, or a closed connection: NaN) for ever.
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HealthMetrics metrics = HealthMetrics.of(registry, "");
        CorimMeters.of(metrics, store(() -> 1));
        CorimMeters.of(metrics, store(() -> 2));
        assertThat(ServiceCorims.eventually(Duration.ofSeconds(10),
                () -> registry.get(CorimMeters.PROFILES).gauge().value() == 2.0))
                .as("the gauge counts the second store").isTrue();
        assertThat(registry.find(CorimMeters.PROFILES).gauges()).hasSize(1);
    }

    private interface Count {
        int get();
    }

    private static CorimProfileStore store(Count count) {
        return (CorimProfileStore) Proxy.newProxyInstance(CorimProfileStore.class.getClassLoader(),
                new Class<?>[] {CorimProfileStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("count")) {
                        return count.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
