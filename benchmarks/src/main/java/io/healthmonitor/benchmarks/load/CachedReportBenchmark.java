package io.healthmonitor.benchmarks.load;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthJson;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What serving one cached report costs, in time and (with {@code -prof gc}) allocation: the report
 * alone, and the report rendered as the {@code /health} summary and the {@code /health/detailed}
 * JSON, for 1 and 100 checks under the default 1 s cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CachedReportBenchmark {

    @Param({"1", "100"})
    public int checks;

    private HealthMonitor monitor;

    @Setup
    public void setUp() {
        HealthMonitor.Builder builder = HealthMonitor.builder().logTransitions(false);
        for (int i = 0; i < checks; i++) {
            builder.register(CheckRegistration.builder("check-" + i, ctx -> HealthResult.healthy().withDetail("latencyMillis", 1))
                    .build());
        }
        monitor = builder.build();
    }

    @TearDown
    public void tearDown() {
        monitor.close();
    }

    @Benchmark
    public Object report() {
        return monitor.report();
    }

    @Benchmark
    public byte[] summaryJson() {
        return HealthJson.summary(monitor.report(), false);
    }

    @Benchmark
    public byte[] detailedJson() {
        return HealthJson.detailed(monitor.report());
    }
}
