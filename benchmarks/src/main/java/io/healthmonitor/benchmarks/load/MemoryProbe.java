package io.healthmonitor.benchmarks.load;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthJson;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Heap after a full GC: with an empty JVM, with 100 registered checks, and after serving
 * 1,000,000 reports of them (each rendered as the detailed JSON, as {@code /health/detailed}
 * does), in steps, so that growth would show. Run with a fixed heap, e.g.
 * {@code java -Xms256m -Xmx256m -cp benchmarks/target/benchmarks.jar io.healthmonitor.benchmarks.load.MemoryProbe}.
 */
public final class MemoryProbe {

    private static final int CHECKS = 100;
    private static final int REPORTS = 1_000_000;
    private static final int STEPS = 5;

    private MemoryProbe() {
    }

    /**
     * Prints the heap used after a full GC at each step.
     *
     * @param args unused
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf(Locale.ROOT, "baseline (no monitor): %,d bytes%n", heapAfterFullGc(memory));
        HealthMonitor.Builder builder = HealthMonitor.builder().logTransitions(false);
        for (int i = 0; i < CHECKS; i++) {
            builder.register(CheckRegistration.builder("check-" + i, ctx -> HealthResult.healthy().withDetail("latencyMillis", 1))
                    .build());
        }
        HealthMonitor monitor = builder.build();
        System.out.printf(Locale.ROOT, "%d checks registered: %,d bytes%n", CHECKS, heapAfterFullGc(memory));
        long bytes = 0;
        long started = System.nanoTime();
        for (int step = 1; step <= STEPS; step++) {
            for (int i = 0; i < REPORTS / STEPS; i++) {
                HealthReport report = monitor.report();
                bytes += HealthJson.detailed(report).length;
            }
            System.out.printf(Locale.ROOT, "after %,d reports: %,d bytes%n", step * (REPORTS / STEPS), heapAfterFullGc(memory));
        }
        System.out.printf(Locale.ROOT, "%,d reports in %.1f s, %,d JSON bytes rendered%n", REPORTS,
                (System.nanoTime() - started) / 1e9, bytes);
        monitor.close();
    }

    /** The heap in use after full collections, the least of four rounds; the other probes of this package measure with it too. */
    static long heapAfterFullGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        // A few rounds: System.gc() is a full collection with the default collector, and
        // reference processing may free more in a second round.
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
