package io.healthmonitor.benchmarks.engine;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.Schedule;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.actuate.health.HealthEndpoint;

/**
 * Scenario (d): 64 threads request reports against one check that takes 20 ms. Prints, per
 * iteration, how many times the check actually ran per second (Health Monitor's default cache
 * TTL is 1 s, so the target is at most 1).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Threads(64)
@Fork(1)
public class CoalescingBenchmark {

    private final AtomicLong invocations = new AtomicLong();
    private long iterationStart;
    private HealthMonitor monitor;
    private HealthCheckRegistry dropwizard;
    private HealthEndpoint spring;

    @Setup
    public void setUp() {
        List<Peers.Probe> probes = List.of(new Peers.Probe("database", () -> {
            invocations.incrementAndGet();
            TimeUnit.MILLISECONDS.sleep(20);
            return null;
        }));
        monitor = Peers.healthMonitor(probes, Schedule.onDemand());
        dropwizard = Peers.dropwizard(probes);
        spring = Peers.springBoot(probes);
    }

    @Setup(Level.Iteration)
    public void startCounting() {
        invocations.set(0);
        iterationStart = System.nanoTime();
    }

    @TearDown(Level.Iteration)
    public void printInvocations() {
        double seconds = (System.nanoTime() - iterationStart) / 1e9;
        System.out.printf("%ncheck invocations: %d in %.1f s = %.2f per second%n", invocations.get(), seconds,
                invocations.get() / seconds);
    }

    @TearDown
    public void tearDown() {
        monitor.close();
    }

    @Benchmark
    public Object healthMonitor() {
        return monitor.report();
    }

    @Benchmark
    public Object dropwizardSequential() {
        return dropwizard.runHealthChecks();
    }

    @Benchmark
    public Object springBootActuator() {
        return spring.health();
    }
}
