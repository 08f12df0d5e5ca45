package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A check that puts a whole response body into its message: reports, JSON and logs get at most {@link CheckResult#MAX_MESSAGE_LENGTH} characters of it. */
class LongMessageTest {

    private static final String BODY = "x".repeat(5_000_000);

    @Test
    void cutsLongMessagesAndErrorsAfterRedactingThem() throws InterruptedException {
        String straddling = "y".repeat(CheckResult.MAX_MESSAGE_LENGTH - 10) + " password=S3CRET-value";
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register("message", ctx -> HealthResult.unhealthy("unexpected answer: " + BODY))
                .register("error", ctx -> {
                    throw new IllegalStateException("unexpected answer: " + BODY);
                })
                .register("straddling", ctx -> HealthResult.unhealthy(straddling))
                .register("emoji", ctx -> HealthResult.degraded("\uD83D\uDE00".repeat(CheckResult.MAX_MESSAGE_LENGTH)))
                .build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            HealthReport report = monitor.report();

            CheckResult message = report.check("message").orElseThrow();
            assertThat(message.message()).hasSize(CheckResult.MAX_MESSAGE_LENGTH).startsWith("unexpected answer: xxx").endsWith("x\u2026");
            CheckResult error = report.check("error").orElseThrow();
            assertThat(error.error()).hasSize(CheckResult.MAX_MESSAGE_LENGTH)
                    .startsWith("java.lang.IllegalStateException: unexpected answer: xxx").endsWith("\u2026");
            assertThat(error.message()).isEqualTo(error.error());
            assertThat(report.check("straddling").orElseThrow().message()).doesNotContain("S3CRET").endsWith("\u2026");
            String emoji = report.check("emoji").orElseThrow().message();
            assertThat(emoji.length()).isLessThanOrEqualTo(CheckResult.MAX_MESSAGE_LENGTH);
            assertThat(Character.isHighSurrogate(emoji.charAt(emoji.length() - 2))).as("no half of a pair before the ellipsis").isFalse();
            assertThat(HealthJson.detailed(report).length).isLessThan(5 * CheckResult.MAX_MESSAGE_LENGTH * 3);
            assertThat(new String(HealthJson.detailed(report), StandardCharsets.UTF_8)).doesNotContain("S3CRET");
        }
    }

    @Test
    void readsOnlyTheBeginningOfATextMuchLongerThanWhatIsShownAndSaysItWasCut() throws InterruptedException {
        String secret = "S".repeat(2 * CheckResult.REDACTED_LENGTH);
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register("message", ctx -> HealthResult.unhealthy("password=" + secret))
                .register("detail", ctx -> HealthResult.healthy().withDetail("body", BODY))
                .build()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            HealthReport report = monitor.report();

            // Masking left 12 characters of the part read: the ellipsis still says the message went on.
            assertThat(report.check("message").orElseThrow().message()).isEqualTo("password=***\u2026");
            assertThat((String) report.check("detail").orElseThrow().details().get("body"))
                    .hasSize(CheckResult.MAX_MESSAGE_LENGTH).startsWith("xxx").endsWith("x\u2026");
        }
    }
}
