package io.healthmonitor.benchmarks.engine;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.Schedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.actuate.health.HealthEndpoint;

/**
 * Scenario (c): the per-report cost of 100 trivial checks. {@code healthMonitorFresh} runs every
 * check on every report (cache off), concurrently; {@code healthMonitorCached} uses the default
 * 1 s cache, as a service would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TrivialChecksBenchmark {

    private HealthMonitor fresh;
    private HealthMonitor cached;
    private HealthCheckRegistry dropwizard;
    private HealthEndpoint spring;

    @Setup
    public void setUp() {
        List<Peers.Probe> probes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            probes.add(new Peers.Probe("trivial-" + i, () -> null));
        }
        fresh = Peers.healthMonitor(probes, Schedule.onDemand(Duration.ZERO));
        cached = Peers.healthMonitor(probes, Schedule.onDemand());
        dropwizard = Peers.dropwizard(probes);
        spring = Peers.springBoot(probes);
    }

    @TearDown
    public void tearDown() {
        fresh.close();
        cached.close();
    }

    @Benchmark
    public Object healthMonitorFresh() {
        return fresh.report();
    }

    @Benchmark
    public Object healthMonitorCached() {
        return cached.report();
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
