package io.healthmonitor.benchmarks.load;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthJson;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.Schedule;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap a full history takes: 100 checks, cache off, every invocation a sample and every
 * other one a status change (the worst case: each check flaps on every run), until every check
 * holds its limit of changes and samples; heap after a full GC compared with the same monitor
 * keeping no history. Then the size of the {@code /health/history} JSON of that history. Run with a
 * fixed heap: {@code java -Xms512m -Xmx512m -cp benchmarks/target/benchmarks.jar
 * io.healthmonitor.benchmarks.load.HistoryMemoryProbe}.
 */
public final class HistoryMemoryProbe {

    private static final int CHECKS = 100;
    private static final int ENTRIES = 1_000;
    private static final int REPORTS = 3 * ENTRIES;

    private HistoryMemoryProbe() {
    }

    /**
     * Prints the heap used after a full GC with and without history.
     *
     * @param args unused
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long without = filled(memory, 0, false);
        long with = filled(memory, ENTRIES, false);
        long flapping = filled(memory, ENTRIES, true);
        System.out.printf(Locale.ROOT, "no history: %,d bytes%n", without);
        System.out.printf(Locale.ROOT, "%d checks x %,d samples, steady: %,d bytes (+%,d, %,d per check)%n", CHECKS, ENTRIES,
                with, with - without, (with - without) / CHECKS);
        System.out.printf(Locale.ROOT, "%d checks x %,d samples and %,d changes (flapping): %,d bytes (+%,d, %,d per check)%n",
                CHECKS, ENTRIES, ENTRIES, flapping, flapping - without, (flapping - without) / CHECKS);
    }

    private static long filled(MemoryMXBean memory, int entries, boolean flapping) throws InterruptedException {
        HealthMonitor.Builder builder = HealthMonitor.builder().logTransitions(false).executor(Runnable::run)
                .history(Duration.ofHours(1), entries);
        for (int i = 0; i < CHECKS; i++) {
            AtomicLong runs = new AtomicLong();
            builder.register(CheckRegistration.builder("check-" + i, ctx -> flapping && runs.incrementAndGet() % 2 == 0
                            ? HealthResult.of(HealthStatus.DEGRADED, "slow: the replica is 12 s behind the primary")
                            : HealthResult.healthy())
                    .schedule(Schedule.onDemand(Duration.ZERO)).build());
        }
        try (HealthMonitor monitor = builder.build()) {
            for (int i = 0; i < REPORTS; i++) {
                monitor.report();
            }
            long used = MemoryProbe.heapAfterFullGc(memory);
            if (entries > 0) {
                System.out.printf(Locale.ROOT, "/health/history of it: %,d JSON bytes%n",
                        HealthJson.history(monitor.history()).length);
            }
            return used;
        }
    }
}
