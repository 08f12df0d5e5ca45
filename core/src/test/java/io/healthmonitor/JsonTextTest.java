package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Instants and milliseconds written character for character as the JDK writes them, faster. */
class JsonTextTest {

    @Test
    void writesInstantsAsInstantToStringDoes() {
        Random random = new Random(42);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long seconds = i < 10_000 ? min + (long) (random.nextDouble() * (max - min))
                    : Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() + random.nextInt(400 * 86_400);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(seconds, nano);
            assertThat(JsonText.instant(at)).isEqualTo(at.toString());
        }
        for (Instant edge : List.of(Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("1969-12-31T23:59:59.1Z"))) {
            assertThat(JsonText.instant(edge)).isEqualTo(edge.toString());
        }
    }

    @Test
    void writesMillisAsDoubleToStringDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long nanos = switch (i % 4) {
                case 0 -> random.nextInt(1_000_000);
                case 1 -> random.nextInt(1_000_000_000);
                case 2 -> (long) (random.nextDouble() * 1e13);
                default -> random.nextInt(1000) * 1_000_000L;
            };
            assertThat(JsonText.millis(Duration.ofNanos(nanos)))
                    .isEqualTo(Double.toString(Math.round(nanos / 1_000_000.0 * 1000.0) / 1000.0));
        }
        assertThat(JsonText.millis(Duration.ZERO)).isEqualTo("0.0");
        assertThat(JsonText.millis(Duration.ofNanos(2_001_250_000))).isEqualTo("2001.25");
        assertThat(JsonText.millis(Duration.ofHours(3))).isEqualTo("1.08E7");
    }
}
