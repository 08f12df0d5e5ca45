package io.healthmonitor.benchmarks.engine;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.Schedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

/** Scenario (a): one report of 20 checks that each take 50 ms. Caching is off, so every report runs every check. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SlowChecksBenchmark {

    private HealthMonitor monitor;
    private HealthCheckRegistry dropwizard;
    private HealthEndpoint spring;
    private ExecutorService dropwizardPool;

    @Setup
    public void setUp() {
        List<Peers.Probe> probes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            probes.add(new Peers.Probe("slow-" + i, () -> {
                TimeUnit.MILLISECONDS.sleep(50);
                return null;
            }));
        }
        monitor = Peers.healthMonitor(probes, Schedule.onDemand(Duration.ZERO));
        dropwizard = Peers.dropwizard(probes);
        spring = Peers.springBoot(probes);
        dropwizardPool = Executors.newFixedThreadPool(20);
    }

    @TearDown
    public void tearDown() {
        monitor.close();
        dropwizardPool.shutdownNow();
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
    public Object dropwizardWithExecutor() {
        return dropwizard.runHealthChecks(dropwizardPool);
    }

    @Benchmark
    public Object springBootActuator() {
        return spring.health();
    }
}
