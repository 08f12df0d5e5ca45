package io.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceHealthCheckTest {

    @TempDir
    Path dir;

    private long totalBytes() throws IOException {
        return Files.getFileStore(dir).getTotalSpace();
    }

    @Test
    void reportsHealthyWithAllDetailsWhenEnoughIsFree() throws Exception {
        HealthResult result = DiskSpaceHealthCheck.builder(dir).degradedBelowBytes(1).unhealthyBelowBytes(1).build().check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details().keySet()).containsExactly("path", "freeBytes", "totalBytes", "freePercent");
        assertThat(result.details()).containsEntry("path", dir.toString()).containsEntry("totalBytes", totalBytes());
        long free = (Long) result.details().get("freeBytes");
        assertThat(free).isPositive().isLessThanOrEqualTo(totalBytes());
        assertThat((Double) result.details().get("freePercent"))
                .isCloseTo(100.0 * free / totalBytes(), org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void reportsUnhealthyWhenMoreBytesAreRequiredThanTheDiskHas() throws Exception {
        long total = totalBytes();

        HealthResult result = DiskSpaceHealthCheck.builder(dir)
                .degradedBelowBytes(total + 1).unhealthyBelowBytes(total + 1).build().check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("free", dir.toString(), "below the unhealthy threshold of");
        assertThat(result.details()).containsKeys("freeBytes", "totalBytes", "freePercent");
    }

    @Test
    void reportsDegradedBetweenTheThresholds() throws Exception {
        HealthResult result = DiskSpaceHealthCheck.builder(dir)
                .degradedBelowBytes(totalBytes() + 1).unhealthyBelowBytes(1).build().check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).contains("below the degraded threshold of");
    }

    @Test
    void judgesPercentThresholds() throws Exception {
        FileStore store = Files.getFileStore(dir);
        assumeTrue(store.getUsableSpace() < store.getTotalSpace(), "a file store with some space in use");

        HealthResult unhealthy = DiskSpaceHealthCheck.builder(dir)
                .degradedBelowPercent(100).unhealthyBelowPercent(100).build().check(Checks.context());
        HealthResult degraded = DiskSpaceHealthCheck.builder(dir)
                .degradedBelowPercent(100).unhealthyBelowPercent(0).build().check(Checks.context());
        HealthResult healthy = DiskSpaceHealthCheck.builder(dir)
                .degradedBelowPercent(0).unhealthyBelowPercent(0).build().check(Checks.context());

        assertThat(unhealthy.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(unhealthy.message()).endsWith("below the unhealthy threshold of 100 %");
        assertThat(degraded.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(healthy.status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void evaluatesMixedUnitsIndependentlyWithUnhealthyWinning() throws Exception {
        HealthResult result = DiskSpaceHealthCheck.builder(dir)
                .degradedBelowPercent(0).unhealthyBelowBytes(totalBytes() + 1).build().check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void reportsUnhealthyForAMissingPath() throws Exception {
        Path missing = dir.resolve("no-such-dir").resolve("data");

        HealthResult result = DiskSpaceHealthCheck.of(missing).check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("path does not exist: " + missing);
        assertThat(result.details()).containsEntry("path", missing.toString());
    }

    @Test
    void checksTheStoreOfAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("data.bin"), "x");

        HealthResult result = DiskSpaceHealthCheck.builder(file).degradedBelowBytes(1).unhealthyBelowBytes(0).build().check(Checks.context());

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details()).containsEntry("totalBytes", totalBytes());
    }

    @Test
    void rejectsADegradedThresholdTighterThanTheUnhealthyOne() {
        assertThatThrownBy(() -> DiskSpaceHealthCheck.builder(dir).degradedBelowPercent(3).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("degraded threshold (3 %) must not be below the unhealthy threshold (5 %)");
        assertThatThrownBy(() -> DiskSpaceHealthCheck.builder(dir).degradedBelowBytes(1024).unhealthyBelowBytes(2048).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("degraded threshold (1.0 KiB) must not be below the unhealthy threshold (2.0 KiB)");
        assertThatThrownBy(() -> DiskSpaceHealthCheck.builder(dir).unhealthyBelowPercent(101))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiskSpaceHealthCheck.builder(dir).degradedBelowPercent(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiskSpaceHealthCheck.builder(dir).unhealthyBelowBytes(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiskSpaceHealthCheck.of(null)).isInstanceOf(NullPointerException.class).hasMessage("path");
    }

    @Test
    void formatsByteCountsWithBinaryUnits() {
        assertThat(DiskSpaceHealthCheck.bytes(512)).isEqualTo("512 bytes");
        assertThat(DiskSpaceHealthCheck.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(DiskSpaceHealthCheck.bytes(5L << 30)).isEqualTo("5.0 GiB");
    }

    @Test
    void docsNameEveryOptionAndDetailKey() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "checks-core.md"));
        assertThat(java.util.Arrays.stream(DiskSpaceHealthCheck.Builder.class.getDeclaredMethods())
                .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()) && !m.getName().equals("build"))
                .map(m -> "`" + m.getName() + "("))
                .isNotEmpty()
                .allSatisfy(option -> assertThat(doc).contains(option));
        assertThat(DiskSpaceHealthCheck.of(dir).check(Checks.context()).details().keySet()).isNotEmpty()
                .allSatisfy(key -> assertThat(doc).contains("| `" + key + "` |"));
    }
}
