package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A check failing with a secret in its exception: the secret reaches neither the report nor the log. */
class RedactionEndToEndTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"password\":\"S3CRET-x\"}",
            "secret_key=S3CRET-x",
            "AWS_SECRET_ACCESS_KEY=S3CRET-x",
            "private_key=S3CRET-x",
            "unknown host app:S3CRET-x@db.internal",
            "Authorization: Token S3CRET-x",
            "pg_dump --password S3CRET-x",
            "password%3DS3CRET-x",
            "redis://:p@S3CRET-x@cache:6379",
    })
    void masksTheSecretInMessageErrorDetailsAndTheLogLine(String leak) throws InterruptedException {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (HealthMonitor monitor = HealthMonitor.builder()
                .register("leaky", ctx -> {
                    throw new IllegalStateException("cannot connect: " + leak);
                })
                .register("detailed", ctx -> HealthResult.unhealthy("down: " + leak).withDetail("config", leak))
                .build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            HealthReport report = monitor.report();
            assertThat(report.toString()).doesNotContain("S3CRET");
            assertThat(new String(HealthJson.detailed(report), StandardCharsets.UTF_8)).doesNotContain("S3CRET");
            assertThat(new String(HealthJson.ietf(report, true), StandardCharsets.UTF_8)).doesNotContain("S3CRET");
            String log = awaitLines(captured, 2);
            assertThat(log).contains("health check 'leaky' first result: unhealthy").doesNotContain("S3CRET");
        } finally {
            System.setErr(original);
        }
    }

    /** Listeners hear of results on another thread: a bounded wait for the lines. */
    private static String awaitLines(ByteArrayOutputStream captured, int lines) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String log = "";
        while (System.nanoTime() < giveUp) {
            log = captured.toString(StandardCharsets.UTF_8);
            if (log.lines().filter(line -> line.contains("first result")).count() >= lines) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return log;
    }
}
