package io.healthmonitor;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks the free space of the file store (disk, partition, volume) that holds a path.
 *
 * <p>Free space is the space usable by this JVM ({@link FileStore#getUsableSpace()}), compared
 * with the store's total size. The check is unhealthy below the unhealthy threshold, degraded
 * below the degraded threshold and healthy otherwise. Each threshold is either a percentage of
 * the total or a number of bytes; by default degraded below 10 % free and unhealthy below 5 %
 * free. A path that does not exist is unhealthy.
 *
 * <p>Details: {@code path}, {@code freeBytes}, {@code totalBytes} and {@code freePercent} (two
 * decimals).
 *
 * <p>Built with {@link #of(Path)} or {@link #builder(Path)}; immutable and thread-safe.
 */
public final class DiskSpaceHealthCheck implements HealthCheck {

    /** The default degraded threshold: less than 10 % free. */
    public static final double DEFAULT_DEGRADED_BELOW_PERCENT = 10;
    /** The default unhealthy threshold: less than 5 % free. */
    public static final double DEFAULT_UNHEALTHY_BELOW_PERCENT = 5;

    private final Path path;
    private final Threshold degraded;
    private final Threshold unhealthy;

    private DiskSpaceHealthCheck(Builder builder) {
        this.path = builder.path;
        this.degraded = builder.degraded;
        this.unhealthy = builder.unhealthy;
    }

    /**
     * Returns a check of the file store holding {@code path}, with the default thresholds.
     *
     * @param path a file or directory on the file store to check
     * @return the check
     * @throws NullPointerException if {@code path} is null
     */
    public static DiskSpaceHealthCheck of(Path path) {
        return builder(path).build();
    }

    /**
     * Starts a check of the file store holding {@code path}.
     *
     * @param path a file or directory on the file store to check
     * @return a builder with the defaults: degraded below 10 % free, unhealthy below 5 % free
     * @throws NullPointerException if {@code path} is null
     */
    public static Builder builder(Path path) {
        return new Builder(path);
    }

    /**
     * Reads the free and total space of the path's file store and compares them with the thresholds.
     *
     * @param context the invocation's context (the check does not block)
     * @return the result with the details {@code path}, {@code freeBytes}, {@code totalBytes} and
     *         {@code freePercent}; unhealthy without them when the path does not exist
     * @throws IOException if the file store cannot be read for another reason than a missing path
     */
    @Override
    public HealthResult check(CheckContext context) throws IOException {
        String shown = path.toString();
        FileStore store;
        try {
            store = Files.getFileStore(path);
        } catch (NoSuchFileException e) {
            return HealthResult.unhealthy("path does not exist: " + shown, e).withDetail("path", shown);
        }
        long total = store.getTotalSpace();
        long free = Math.min(store.getUsableSpace(), total);
        double percent = total > 0 ? 100.0 * free / total : 0;
        HealthResult result;
        if (unhealthy.crossed(free, percent)) {
            result = HealthResult.unhealthy(describe(free, percent, "unhealthy", unhealthy));
        } else if (degraded.crossed(free, percent)) {
            result = HealthResult.degraded(describe(free, percent, "degraded", degraded));
        } else {
            result = HealthResult.healthy();
        }
        return result.withDetail("path", shown)
                .withDetail("freeBytes", free)
                .withDetail("totalBytes", total)
                .withDetail("freePercent", Math.round(percent * 100) / 100.0);
    }

    private String describe(long free, double percent, String level, Threshold threshold) {
        return String.format(Locale.ROOT, "%s free (%.1f %%) on %s, below the %s threshold of %s",
                bytes(free), percent, path, level, threshold);
    }

    /** Formats a byte count with a binary unit, for messages only (details keep exact bytes). */
    static String bytes(long value) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double scaled = value;
        int unit = 0;
        while (scaled >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return unit == 0 ? value + " bytes" : String.format(Locale.ROOT, "%.1f %s", scaled, units[unit]);
    }

    /** A limit of free space, in bytes or in percent of the total: crossed when the free space is below it. */
    private record Threshold(boolean inPercent, double percent, long bytes) {
        static Threshold percent(double value) {
            return new Threshold(true, value, 0);
        }

        static Threshold bytes(long value) {
            return new Threshold(false, 0, value);
        }

        boolean crossed(long free, double freePercent) {
            return inPercent ? freePercent < percent : free < bytes;
        }

        /** Whether this threshold is looser than (or as loose as) {@code other}, when both use one unit. */
        boolean atLeast(Threshold other) {
            if (inPercent != other.inPercent) {
                return true;
            }
            return inPercent ? percent >= other.percent : bytes >= other.bytes;
        }

        @Override
        public String toString() {
            return inPercent ? String.format(Locale.ROOT, "%s %%", trim(percent)) : DiskSpaceHealthCheck.bytes(bytes);
        }

        private static String trim(double value) {
            return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
        }
    }

    /**
     * Configures a {@link DiskSpaceHealthCheck}. Not thread-safe; the built check is.
     *
     * <p>Each level has one threshold: setting it in bytes replaces a percentage set earlier (or
     * the default) and vice versa. When both levels use the same unit, the degraded threshold
     * must not be below the unhealthy one; equal thresholds leave no degraded level. When they use
     * different units, each is evaluated on its own and unhealthy wins.
     */
    public static final class Builder {
        private final Path path;
        private Threshold degraded = Threshold.percent(DEFAULT_DEGRADED_BELOW_PERCENT);
        private Threshold unhealthy = Threshold.percent(DEFAULT_UNHEALTHY_BELOW_PERCENT);

        private Builder(Path path) {
            this.path = Objects.requireNonNull(path, "path");
        }

        /**
         * Sets the degraded threshold as a percentage of the total size.
         *
         * @param percent degraded when less than this is free; default 10
         * @return this builder
         * @throws IllegalArgumentException if {@code percent} is not between 0 and 100
         */
        public Builder degradedBelowPercent(double percent) {
            this.degraded = Threshold.percent(checkPercent(percent, "degradedBelowPercent"));
            return this;
        }

        /**
         * Sets the unhealthy threshold as a percentage of the total size.
         *
         * @param percent unhealthy when less than this is free; default 5
         * @return this builder
         * @throws IllegalArgumentException if {@code percent} is not between 0 and 100
         */
        public Builder unhealthyBelowPercent(double percent) {
            this.unhealthy = Threshold.percent(checkPercent(percent, "unhealthyBelowPercent"));
            return this;
        }

        /**
         * Sets the degraded threshold in bytes, replacing the percentage.
         *
         * @param bytes degraded when fewer bytes than this are free
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder degradedBelowBytes(long bytes) {
            this.degraded = Threshold.bytes(checkBytes(bytes, "degradedBelowBytes"));
            return this;
        }

        /**
         * Sets the unhealthy threshold in bytes, replacing the percentage.
         *
         * @param bytes unhealthy when fewer bytes than this are free
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder unhealthyBelowBytes(long bytes) {
            this.unhealthy = Threshold.bytes(checkBytes(bytes, "unhealthyBelowBytes"));
            return this;
        }

        /**
         * Builds the check.
         *
         * @return an immutable, thread-safe check
         * @throws IllegalArgumentException if, in the same unit, the degraded threshold is below the unhealthy one
         */
        public DiskSpaceHealthCheck build() {
            if (!degraded.atLeast(unhealthy)) {
                throw new IllegalArgumentException("degraded threshold (" + degraded
                        + ") must not be below the unhealthy threshold (" + unhealthy + ")");
            }
            return new DiskSpaceHealthCheck(this);
        }

        private static double checkPercent(double value, String name) {
            if (!(value >= 0 && value <= 100)) {
                throw new IllegalArgumentException(name + " must be between 0 and 100, was " + value);
            }
            return value;
        }

        private static long checkBytes(long value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must be >= 0, was " + value);
            }
            return value;
        }
    }
}
