package io.healthmonitor.benchmarks.redis;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthResult;
import io.healthmonitor.redis.RedisHealthCheck;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The overhead of {@link RedisHealthCheck} over a bare Lettuce {@code PING} on the same connection,
 * against the shared Redis on 127.0.0.1:6379 (PING and INFO only). One probe at a time, average
 * time per probe: {@code pingOnlyCheck} against {@code barePing} is the check's own cost (target
 * within 10 %); {@code fullCheck} adds the pipelined {@code INFO} and its parsing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedisCheckBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisHealthCheck pingOnly;
    private RedisHealthCheck full;

    /** Connects once; every benchmark uses this one connection. */
    @Setup(Level.Trial)
    public void connect() {
        client = RedisClient.create();
        connection = client.connect(RedisURI.create("redis://127.0.0.1:6379"));
        pingOnly = RedisHealthCheck.builder(connection).info(false).build();
        full = RedisHealthCheck.of(connection);
    }

    /** Closes the connection and the client. */
    @TearDown(Level.Trial)
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /**
     * The baseline: a bare asynchronous PING, awaited.
     *
     * @return the reply
     * @throws Exception if Redis fails
     */
    @Benchmark
    public String barePing() throws Exception {
        return connection.async().ping().get(1, TimeUnit.SECONDS);
    }

    /**
     * The check with {@code info(false)}: PING, latency detail, result.
     *
     * @return the result
     * @throws Exception if the stage fails
     */
    @Benchmark
    public HealthResult pingOnlyCheck() throws Exception {
        return pingOnly.checkAsync(CheckContext.of("redis", TIMEOUT)).toCompletableFuture().get(1, TimeUnit.SECONDS);
    }

    /**
     * The default check: PING and INFO pipelined, INFO parsed into details.
     *
     * @return the result
     * @throws Exception if the stage fails
     */
    @Benchmark
    public HealthResult fullCheck() throws Exception {
        return full.checkAsync(CheckContext.of("redis", TIMEOUT)).toCompletableFuture().get(1, TimeUnit.SECONDS);
    }
}
