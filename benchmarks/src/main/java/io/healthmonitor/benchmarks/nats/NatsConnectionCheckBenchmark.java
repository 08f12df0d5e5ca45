package io.healthmonitor.benchmarks.nats;

import io.healthmonitor.CheckContext;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.Schedule;
import io.healthmonitor.nats.NatsConnectionHealthCheck;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of {@link NatsConnectionHealthCheck} against a bare round trip on the same connection.
 *
 * <ul>
 *   <li>{@code bareRtt}: {@code Connection.RTT()}, the floor;</li>
 *   <li>{@code bareFlush}: {@code Connection.flush(timeout)}, the PING/PONG the check times;</li>
 *   <li>{@code check}: the check itself (status, round trip, details);</li>
 *   <li>{@code checkInMonitor}: the check through a {@link HealthMonitor} with no cache, on the caller's thread.</li>
 * </ul>
 *
 * <p>Needs a NATS server at {@code -Dhealthmonitor.nats.url} (default {@code nats://127.0.0.1:4222}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NatsConnectionCheckBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private Connection connection;
    private NatsConnectionHealthCheck check;
    private HealthMonitor monitor;

    /**
     * Connects to the server and builds the check and the monitor.
     *
     * @throws IOException          if the server cannot be reached
     * @throws InterruptedException if interrupted while connecting
     */
    @Setup
    public void connect() throws IOException, InterruptedException {
        String url = System.getProperty("healthmonitor.nats.url", "nats://127.0.0.1:4222");
        connection = Nats.connect(new Options.Builder().server(url).connectionTimeout(TIMEOUT).build());
        check = NatsConnectionHealthCheck.of(connection);
        monitor = HealthMonitor.builder().logTransitions(false).executor(Runnable::run)
                .register(CheckRegistration.builder("nats", check).schedule(Schedule.onDemand(Duration.ZERO)).build())
                .build();
    }

    /**
     * Closes the monitor and the connection.
     *
     * @throws InterruptedException if interrupted while closing
     */
    @TearDown
    public void close() throws InterruptedException {
        monitor.close();
        connection.close();
    }

    /**
     * A bare {@code RTT()}.
     *
     * @return the round trip
     * @throws IOException if the server does not answer
     */
    @Benchmark
    public Duration bareRtt() throws IOException {
        return connection.RTT();
    }

    /**
     * A bare {@code flush(timeout)}: the round trip the check times.
     *
     * @throws TimeoutException     if the server does not answer in time
     * @throws InterruptedException if interrupted
     */
    @Benchmark
    public void bareFlush() throws TimeoutException, InterruptedException {
        connection.flush(TIMEOUT);
    }

    /**
     * The check, called directly.
     *
     * @return its result
     * @throws InterruptedException if interrupted
     */
    @Benchmark
    public HealthResult check() throws InterruptedException {
        return check.check(CheckContext.of("test", Duration.ofSeconds(5)));
    }

    /**
     * The check through a monitor: registration, deadline, redaction and the report.
     *
     * @return the check's entry in the report
     */
    @Benchmark
    public CheckResult checkInMonitor() {
        return monitor.report().checks().get(0);
    }
}
