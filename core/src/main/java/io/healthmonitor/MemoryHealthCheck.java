package io.healthmonitor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Checks how full the JVM's heap is and, optionally, how large the process's resident memory is.
 *
 * <p>The heap is measured with the platform {@link MemoryMXBean}: used bytes against the maximum
 * heap ({@code -Xmx}). Used heap includes garbage not yet collected, so the thresholds are high
 * by default: degraded above 90 % used, unhealthy above 98 % used. When the JVM reports no heap
 * maximum, the heap is not judged.
 *
 * <p>On Linux the resident set size ({@code VmRSS} in {@code /proc/self/status}) is reported as
 * well; where {@code /proc} is absent it is simply not reported. With
 * {@link Builder#rssLimitBytes(long)} (for example the container's memory limit), the RSS is judged
 * against that limit with the same percentage thresholds, and the worse of heap and RSS wins.
 *
 * <p>Details: {@code heapUsedBytes}, {@code heapMaxBytes} and {@code heapUsedPercent} (when the
 * JVM reports a maximum); {@code rssBytes} when known; {@code rssLimitBytes} and
 * {@code rssUsedPercent} when a limit is set and the RSS is known.
 *
 * <p>Built with {@link #of()} or {@link #builder()}; immutable and thread-safe.
 */
public final class MemoryHealthCheck implements HealthCheck {

    /** The default degraded threshold: more than 90 % used. */
    public static final double DEFAULT_DEGRADED_ABOVE_PERCENT = 90;
    /** The default unhealthy threshold: more than 98 % used. */
    public static final double DEFAULT_UNHEALTHY_ABOVE_PERCENT = 98;

    private static final Path PROC_SELF_STATUS = Path.of("/proc/self/status");

    private final double degradedAbove;
    private final double unhealthyAbove;
    private final long rssLimit;
    private final Supplier<Readings> source;

    MemoryHealthCheck(Builder builder, Supplier<Readings> source) {
        this.degradedAbove = builder.degradedAbove;
        this.unhealthyAbove = builder.unhealthyAbove;
        this.rssLimit = builder.rssLimit;
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Returns a check of this JVM's memory with the default thresholds and no RSS limit.
     *
     * @return the check
     */
    public static MemoryHealthCheck of() {
        return builder().build();
    }

    /**
     * Starts a check of this JVM's memory.
     *
     * @return a builder with the defaults: degraded above 90 % used, unhealthy above 98 %, no RSS limit
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the memory figures and compares them with the thresholds.
     *
     * @param context the invocation's context (the check does not block)
     * @return the result with the memory details; never null
     */
    @Override
    public HealthResult check(CheckContext context) {
        Readings readings = source.get();
        HealthStatus status = HealthStatus.HEALTHY;
        String message = null;
        HealthResult details = HealthResult.healthy().withDetail("heapUsedBytes", readings.heapUsedBytes());
        if (readings.heapMaxBytes() > 0) {
            double percent = 100.0 * readings.heapUsedBytes() / readings.heapMaxBytes();
            details = details.withDetail("heapMaxBytes", readings.heapMaxBytes())
                    .withDetail("heapUsedPercent", round(percent));
            HealthStatus heap = judge(percent);
            if (heap != HealthStatus.HEALTHY) {
                status = heap;
                message = describe("heap", readings.heapUsedBytes(), readings.heapMaxBytes(), percent, heap);
            }
        }
        if (readings.rssBytes().isPresent()) {
            long rss = readings.rssBytes().getAsLong();
            details = details.withDetail("rssBytes", rss);
            if (rssLimit > 0) {
                double percent = 100.0 * rss / rssLimit;
                details = details.withDetail("rssLimitBytes", rssLimit).withDetail("rssUsedPercent", round(percent));
                HealthStatus process = judge(percent);
                if (process.compareTo(status) > 0) {
                    status = process;
                    message = describe("resident memory", rss, rssLimit, percent, process);
                }
            }
        }
        return HealthResult.of(status, message).withDetails(details.details());
    }

    private HealthStatus judge(double percent) {
        if (percent > unhealthyAbove) {
            return HealthStatus.UNHEALTHY;
        }
        return percent > degradedAbove ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
    }

    private String describe(String what, long used, long limit, double percent, HealthStatus level) {
        double threshold = level == HealthStatus.UNHEALTHY ? unhealthyAbove : degradedAbove;
        return String.format(Locale.ROOT, "%s %.1f %% used (%s of %s), above the %s threshold of %s %%",
                what, percent, DiskSpaceHealthCheck.bytes(used), DiskSpaceHealthCheck.bytes(limit), level.label(),
                threshold == Math.rint(threshold) ? String.valueOf((long) threshold) : String.valueOf(threshold));
    }

    private static double round(double percent) {
        return Math.round(percent * 100) / 100.0;
    }

    /** Reads the real figures: the heap from the platform MXBean, the RSS from /proc when present. */
    static Readings readJvm() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new Readings(heap.getUsed(), heap.getMax(), readRss(PROC_SELF_STATUS));
    }

    /**
     * Parses the {@code VmRSS} line of a {@code /proc/<pid>/status} file.
     *
     * @return the RSS in bytes, or empty when the file is absent, unreadable or has no such line
     */
    static OptionalLong readRss(Path status) {
        List<String> lines;
        try {
            lines = Files.readAllLines(status);
        } catch (IOException | SecurityException e) {
            return OptionalLong.empty();
        }
        for (String line : lines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                try {
                    long value = Long.parseLong(parts[0]);
                    long factor = parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? 1024 : 1;
                    return value < 0 ? OptionalLong.empty() : OptionalLong.of(Math.multiplyExact(value, factor));
                } catch (NumberFormatException | ArithmeticException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /**
     * One sample of memory figures.
     *
     * @param heapUsedBytes used heap
     * @param heapMaxBytes  maximum heap, or a negative number when the JVM reports none
     * @param rssBytes      resident set size, when known
     */
    record Readings(long heapUsedBytes, long heapMaxBytes, OptionalLong rssBytes) {
        Readings {
            Objects.requireNonNull(rssBytes, "rssBytes");
        }
    }

    /**
     * Configures a {@link MemoryHealthCheck}. Not thread-safe; the built check is.
     *
     * <p>The percentage thresholds apply to the heap and, when an RSS limit is set, to the RSS;
     * the degraded threshold must not be above the unhealthy one (equal leaves no degraded level).
     */
    public static final class Builder {
        private double degradedAbove = DEFAULT_DEGRADED_ABOVE_PERCENT;
        private double unhealthyAbove = DEFAULT_UNHEALTHY_ABOVE_PERCENT;
        private long rssLimit;

        private Builder() {
        }

        /**
         * Sets the degraded threshold.
         *
         * @param percent degraded when more than this percentage is used; default 90
         * @return this builder
         * @throws IllegalArgumentException if {@code percent} is not between 0 and 100
         */
        public Builder degradedAbovePercent(double percent) {
            this.degradedAbove = checkPercent(percent, "degradedAbovePercent");
            return this;
        }

        /**
         * Sets the unhealthy threshold.
         *
         * @param percent unhealthy when more than this percentage is used; default 98
         * @return this builder
         * @throws IllegalArgumentException if {@code percent} is not between 0 and 100
         */
        public Builder unhealthyAbovePercent(double percent) {
            this.unhealthyAbove = checkPercent(percent, "unhealthyAbovePercent");
            return this;
        }

        /**
         * Sets the limit the process's resident memory is judged against (for example the
         * container's memory limit). Without it, the RSS is reported but not judged.
         *
         * @param bytes the limit
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is not positive
         */
        public Builder rssLimitBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("rssLimitBytes must be > 0");
            }
            this.rssLimit = bytes;
            return this;
        }

        /**
         * Builds a check of this JVM.
         *
         * @return an immutable, thread-safe check
         * @throws IllegalArgumentException if the degraded threshold is above the unhealthy one
         */
        public MemoryHealthCheck build() {
            return build(MemoryHealthCheck::readJvm);
        }

        /** Builds a check that reads its figures from {@code source}, for deterministic tests. */
        MemoryHealthCheck build(Supplier<Readings> source) {
            if (degradedAbove > unhealthyAbove) {
                throw new IllegalArgumentException("degradedAbovePercent (" + degradedAbove
                        + ") must not be above unhealthyAbovePercent (" + unhealthyAbove + ")");
            }
            return new MemoryHealthCheck(this, source);
        }

        private static double checkPercent(double value, String name) {
            if (!(value >= 0 && value <= 100)) {
                throw new IllegalArgumentException(name + " must be between 0 and 100, was " + value);
            }
            return value;
        }
    }
}
