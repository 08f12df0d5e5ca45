package io.healthmonitor.corim.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.corim.CorimValidator;
import io.healthmonitor.micrometer.HealthMetrics;
import io.healthmonitor.testsupport.ServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
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
            CorimMeters.ProfileCount count = new CorimMeters.ProfileCount(store, executor, "corim.profiles.total");
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
            }), executor, "corim.profiles.total");
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

    @Test
    void saysOnceWhyTheGaugeReadsNaNAndOnceWhenItCountsAgain() throws IOException {
        // A hand-edited profile hash made every count throw; the gauge read NaN and no log line said why.
        RedisClient client = RedisClient.create();
        try (ServerProcess server = ServiceCorims.redis();
                StatefulRedisConnection<String, String> connection = client.connect(RedisProfileStoreTest.uri(server.port()))) {
            LogFile log = LogFile.fromHere();
            RedisCorimProfileStore store = RedisCorimProfileStore.builder(connection).commandTimeout(Duration.ofSeconds(2)).build();
            Instant now = Instant.now();
            byte[] corim = ServiceCorims.corim("edited", now, Duration.ofDays(2));
            store.put(corim, CorimValidator.builder().clock(InstantSource.fixed(now)).build().validate(corim));
            CorimMeters.ProfileCount count = new CorimMeters.ProfileCount(store, Runnable::run, "credlink.corim.profiles.total");
            assertThat(count.read()).isEqualTo(1.0);

            connection.sync().hset("corim:profile:edited", "kind", "unsigned");   // "profile corruption"
            for (int scrape = 0; scrape < 3; scrape++) {
                assertThat(count.read()).isNaN();
            }
            assertThat(log.lines("WARN", "credlink.corim.profiles.total")).singleElement().asString()
                    .contains("CoRIM profiles cannot be counted; gauge credlink.corim.profiles.total reads NaN")
                    .contains("the Redis hash corim:profile:edited is not a profile this store wrote")
                    .contains("remove it: DEL corim:profile:edited");
            assertThat(log.text()).as("no stack trace").doesNotContain("\tat ").doesNotContain("CorimStoreException");

            connection.sync().del("corim:profile:edited");
            for (int scrape = 0; scrape < 3; scrape++) {
                assertThat(count.read()).isZero();
            }
            assertThat(log.lines("INFO", "credlink.corim.profiles.total")).singleElement().asString()
                    .contains("CoRIM profiles counted again (0)");
            assertThat(log.lines("WARN", "credlink.corim.profiles.total")).hasSize(1);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** The lines slf4j-simple appends to this module's test log (surefire's {@code org.slf4j.simpleLogger.logFile}) after a point. */
    private record LogFile(Path path, long start) {

        static LogFile fromHere() throws IOException {
            Path path = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/corim-test.log"));
            return new LogFile(path, Files.exists(path) ? Files.size(path) : 0);
        }

        String text() throws IOException {
            byte[] all = Files.exists(path) ? Files.readAllBytes(path) : new byte[0];
            return new String(all, (int) Math.min(start, all.length), (int) Math.max(0, all.length - start), StandardCharsets.UTF_8);
        }

        /** The endpoints' lines at {@code level} that mention {@code text}. */
        List<String> lines(String level, String text) throws IOException {
            String prefix = "] " + level + " " + CorimEndpoints.class.getName() + " - ";
            return text().lines().filter(line -> line.contains(prefix) && line.contains(text)).toList();
        }
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
