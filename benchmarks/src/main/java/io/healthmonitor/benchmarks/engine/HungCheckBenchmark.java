package io.healthmonitor.benchmarks.engine;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.actuate.health.HealthEndpoint;

/**
 * Scenario (b): 5 fast checks and one that hangs for 30 s, default 2 s deadline. Each shot builds
 * fresh registries, so every shot meets the hang anew. Peers wait for the hang to end: one shot each.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class HungCheckBenchmark {

    private List<Peers.Probe> probes;
    private HealthMonitor monitor;
    private HealthCheckRegistry dropwizard;
    private HealthEndpoint spring;
    private ExecutorService dropwizardPool;

    @Setup(Level.Invocation)
    public void setUp() {
        probes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            probes.add(new Peers.Probe("fast-" + i, () -> null));
        }
        probes.add(new Peers.Probe("hung", () -> {
            TimeUnit.SECONDS.sleep(30);
            return null;
        }));
        monitor = Peers.healthMonitor(probes, Schedule.onDemand());
        dropwizard = Peers.dropwizard(probes);
        spring = Peers.springBoot(probes);
        dropwizardPool = Executors.newFixedThreadPool(6);
    }

    @TearDown(Level.Invocation)
    public void tearDown() {
        monitor.close();
        dropwizardPool.shutdownNow();
    }

    @Benchmark
    public HealthReport healthMonitor() {
        HealthReport report = monitor.report();
        if (report.status() != HealthStatus.UNHEALTHY) {
            throw new IllegalStateException("the hung check must be reported unhealthy");
        }
        return report;
    }

    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public Object dropwizardSequential() {
        return dropwizard.runHealthChecks();
    }

    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public Object dropwizardWithExecutor() {
        return dropwizard.runHealthChecks(dropwizardPool);
    }

    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public Object springBootActuator() {
        return spring.health();
    }
}
