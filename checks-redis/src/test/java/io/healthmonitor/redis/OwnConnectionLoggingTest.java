package io.healthmonitor.redis;

import static io.healthmonitor.redis.RedisHealthCheckTest.probe;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.HealthStatus;
import io.healthmonitor.testsupport.ServerProcess;
import io.lettuce.core.RedisClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, "Logs": while Redis is down, the connection the check owns makes no noise in Lettuce's
 * loggers (Lettuce's watchdog would log "Reconnecting..." and "Cannot reconnect..." every 5 s for
 * as long as Redis is down), and the library logs the outage once and the recovery once.
 *
 * <p>slf4j-simple, the tests' binding, writes every event to whatever {@link System#err} is at that
 * moment, and the test configuration lets {@code io.lettuce} log at {@code INFO}.
 */
class OwnConnectionLoggingTest {

    /** Longer than Lettuce's quiet time between two reconnect WARNs (5 s), so the old behaviour shows. */
    private static final Duration OUTAGE = Duration.ofSeconds(7);
    private static final Duration PROBE_EVERY = Duration.ofMillis(250);

    @Test
    void logsTheOutageAndTheRecoveryOnceAndLettuceNothingWhileRedisIsDown() throws Exception {
        RedisClient client = RedisClient.create();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (ServerProcess redis = PrivateRedis.start();
                RedisHealthCheck check = RedisHealthCheck.of(client, PrivateRedis.uri(redis.port()))) {
            assertThat(probe(check).status()).isEqualTo(HealthStatus.HEALTHY);
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));

            redis.kill();
            int probesWhileDown = 0;
            for (long upAt = System.nanoTime() + OUTAGE.toNanos(); System.nanoTime() < upAt; probesWhileDown++) {
                assertThat(probe(check, Duration.ofSeconds(1)).status()).isEqualTo(HealthStatus.UNHEALTHY);
                TimeUnit.NANOSECONDS.sleep(PROBE_EVERY.toNanos()); // pacing the probes, not a wait for an outcome
            }
            redis.restart();
            assertThat(PrivateRedis.eventually(Duration.ofSeconds(30), () -> probe(check).status() == HealthStatus.HEALTHY))
                    .isTrue();

            List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).as("Lettuce's own log lines while the check's connection was down").noneMatch(
                    line -> line.contains(" io.lettuce."));
            String where = "Redis at 127.0.0.1:" + redis.port();
            assertThat(lines.stream().filter(line -> line.contains(" io.healthmonitor.redis.")).toList())
                    .as("the library's lines over %d probes while down", probesWhileDown)
                    .satisfiesExactly(
                            lost -> assertThat(lost).contains("WARN io.healthmonitor.redis.RedisHealthCheck - ")
                                    .contains("lost its connection to " + where)
                                    .contains("connection refused by " + where),
                            back -> assertThat(back).contains("INFO io.healthmonitor.redis.RedisHealthCheck - ")
                                    .containsPattern("connected to " + where + " again after \\d+ ms and \\d+ failed attempts"));
        } finally {
            System.setErr(original);
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
