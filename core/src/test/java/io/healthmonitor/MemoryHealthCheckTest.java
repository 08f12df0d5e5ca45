package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemoryHealthCheckTest {

    private static final long GIB = 1L << 30;

    private static MemoryHealthCheck.Readings heap(long used, long max) {
        return new MemoryHealthCheck.Readings(used, max, OptionalLong.empty());
    }

    @ParameterizedTest(name = "{0} of 1000 used is {1}")
    @CsvSource({
            "0,    HEALTHY",
            "900,  HEALTHY",
            "901,  DEGRADED",
            "980,  DEGRADED",
            "981,  UNHEALTHY",
            "1000, UNHEALTHY",
    })
    void judgesHeapAgainstTheDefaultThresholds(long used, HealthStatus expected) {
        HealthResult result = MemoryHealthCheck.builder().build(() -> heap(used, 1000)).check(Checks.context());

        assertThat(result.status()).isEqualTo(expected);
        assertThat(result.details()).containsEntry("heapUsedBytes", used).containsEntry("heapMaxBytes", 1000L)
                .containsEntry("heapUsedPercent", used / 10.0).doesNotContainKey("rssBytes");
    }

    @Test
    void explainsWhyTheHeapIsUnhealthy() {
        HealthResult result = MemoryHealthCheck.builder().build(() -> heap(99 * GIB / 100, GIB)).check(Checks.context());

        assertThat(result.message()).isEqualTo("heap 99.0 % used (1013.8 MiB of 1.0 GiB), above the unhealthy threshold of 98 %");
    }

    @Test
    void honoursConfiguredThresholds() {
        MemoryHealthCheck check = MemoryHealthCheck.builder().degradedAbovePercent(50).unhealthyAbovePercent(75)
                .build(() -> heap(600, 1000));

        HealthResult result = check.check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).endsWith("above the degraded threshold of 50 %");
    }

    @Test
    void skipsTheHeapJudgementWhenTheJvmReportsNoMaximum() {
        HealthResult result = MemoryHealthCheck.builder().build(() -> heap(5000, -1)).check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details().keySet()).containsExactly("heapUsedBytes");
    }

    @Test
    void reportsRssWithoutJudgingItWhenNoLimitIsSet() {
        HealthResult result = MemoryHealthCheck.builder()
                .build(() -> new MemoryHealthCheck.Readings(100, 1000, OptionalLong.of(8 * GIB))).check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details()).containsEntry("rssBytes", 8 * GIB).doesNotContainKey("rssLimitBytes");
    }

    @Test
    void judgesRssAgainstTheLimitAndTheWorseStatusWins() {
        MemoryHealthCheck check = MemoryHealthCheck.builder().rssLimitBytes(1000)
                .build(() -> new MemoryHealthCheck.Readings(950, 1000, OptionalLong.of(990)));

        HealthResult result = check.check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).startsWith("resident memory 99.0 % used");
        assertThat(result.details().keySet()).containsExactly("heapUsedBytes", "heapMaxBytes", "heapUsedPercent",
                "rssBytes", "rssLimitBytes", "rssUsedPercent");
        assertThat(result.details()).containsEntry("rssUsedPercent", 99.0);
    }

    @Test
    void keepsTheHeapMessageWhenRssIsLessSevere() {
        HealthResult result = MemoryHealthCheck.builder().rssLimitBytes(1000)
                .build(() -> new MemoryHealthCheck.Readings(990, 1000, OptionalLong.of(950))).check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).startsWith("heap 99.0 % used");
    }

    @Test
    void readsVmRssFromAProcStatusFile(@TempDir Path dir) throws Exception {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  123456 kB\nThreads:\t42\n");

        assertThat(MemoryHealthCheck.readRss(status)).hasValue(123456L * 1024);
    }

    @Test
    void reportsNoRssWhenProcIsAbsentOrHasNoVmRss(@TempDir Path dir) throws Exception {
        Path kernelThread = Files.writeString(dir.resolve("status"), "Name:\tkthreadd\nThreads:\t1\n");

        assertThat(MemoryHealthCheck.readRss(dir.resolve("missing"))).isEmpty();
        assertThat(MemoryHealthCheck.readRss(kernelThread)).isEmpty();
    }

    @Test
    void measuresTheRealJvm() {
        HealthResult result = MemoryHealthCheck.of().check(Checks.context());

        assertThat(result.status()).isNotEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.details()).containsKeys("heapUsedBytes", "heapMaxBytes", "heapUsedPercent");
        assertThat((Long) result.details().get("heapUsedBytes")).isPositive();
        assertThat((Long) result.details().get("heapMaxBytes")).isEqualTo(Runtime.getRuntime().maxMemory());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void reportsTheRealRssOnLinux() {
        HealthResult result = MemoryHealthCheck.builder().rssLimitBytes(Long.MAX_VALUE).build().check(Checks.context());

        assertThat((Long) result.details().get("rssBytes")).isPositive();
        assertThat(result.details()).containsEntry("rssLimitBytes", Long.MAX_VALUE);
    }

    @Test
    void rejectsBadThresholds() {
        assertThatThrownBy(() -> MemoryHealthCheck.builder().degradedAbovePercent(99).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("degradedAbovePercent (99.0) must not be above unhealthyAbovePercent (98.0)");
        assertThatThrownBy(() -> MemoryHealthCheck.builder().unhealthyAbovePercent(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemoryHealthCheck.builder().rssLimitBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("rssLimitBytes must be > 0");
    }

    @Test
    void docsNameEveryOptionAndDetailKey() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "checks-core.md"));
        assertThat(java.util.Arrays.stream(MemoryHealthCheck.Builder.class.getDeclaredMethods())
                .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()) && !m.getName().equals("build"))
                .map(m -> "`" + m.getName() + "("))
                .isNotEmpty()
                .allSatisfy(option -> assertThat(doc).contains(option));
        assertThat(MemoryHealthCheck.builder().rssLimitBytes(1000)
                .build(() -> new MemoryHealthCheck.Readings(1, 2, OptionalLong.of(3))).check(Checks.context()).details().keySet()).isNotEmpty()
                .allSatisfy(key -> assertThat(doc).contains("| `" + key + "` |"));
    }
}
