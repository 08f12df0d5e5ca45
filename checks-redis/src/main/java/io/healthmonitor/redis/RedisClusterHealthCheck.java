package io.healthmonitor.redis;

import io.healthmonitor.AsyncHealthCheck;
import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.micrometer.HealthMetrics;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Checks a Redis Cluster through Lettuce: a {@code PING} round trip and, pipelined with it,
 * {@code CLUSTER INFO} as the node behind the cluster connection's default connection sees it.
 *
 * <pre>{@code
 * RedisClusterHealthCheck cluster = RedisClusterHealthCheck.builder(clusterConnection)
 *         .metrics(HealthMetrics.of(meterRegistry, "credlink"))
 *         .build();
 * HealthMonitor monitor = HealthMonitor.builder().register("redis-cluster", cluster).build();
 * }</pre>
 *
 * <p>Status: {@code UNHEALTHY} when the {@code PING} or {@code CLUSTER INFO} fails or times out
 * (with the same messages as {@link RedisHealthCheck}), and when {@code cluster_state} is not
 * {@code ok}; {@code DEGRADED} when the cluster is {@code ok} but some slots are in
 * {@code pfail} or {@code fail} state, or not all 16384 slots are assigned (possible with
 * {@code cluster-require-full-coverage no}); {@code HEALTHY} otherwise.
 *
 * <p>Details, in this order: {@code pingLatencyMillis}, {@code clusterState},
 * {@code slotsAssigned}, {@code slotsOk}, {@code slotsPfail}, {@code slotsFail},
 * {@code knownNodes}, {@code clusterSize} (masters serving slots).
 *
 * <p>The check holds no thread while Redis answers; every probe is bounded by the invocation's
 * {@linkplain CheckContext#clientTimeout() client timeout} (the registration's deadline less a
 * margin), so that one that runs out reports what it missed ("no PONG from Redis within 1400 ms")
 * before the engine's deadline. Immutable in configuration and thread-safe. Closing it closes the
 * cluster connection it made from a {@link RedisClusterClient}, and nothing else.
 */
public final class RedisClusterHealthCheck implements AsyncHealthCheck, AutoCloseable {

    /** The number of hash slots of a Redis Cluster. */
    public static final int SLOTS = 16384;

    private final ProbeConnection<StatefulRedisClusterConnection<?, ?>> connection;
    private final RedisMeters meters;

    private RedisClusterHealthCheck(Builder builder) {
        this.connection = builder.connection;
        this.meters = builder.metrics == null ? RedisMeters.NONE : RedisMeters.register(builder.metrics);
    }

    /**
     * Returns a check with the defaults on the application's cluster connection, which it never closes.
     *
     * @param connection the cluster connection the application uses
     * @return the check
     * @throws NullPointerException if {@code connection} is null
     */
    public static RedisClusterHealthCheck of(StatefulRedisClusterConnection<?, ?> connection) {
        return builder(connection).build();
    }

    /**
     * Returns a check with the defaults that keeps one cluster connection of its own, made from
     * the application's client on the first probe; {@link #close()} closes it.
     *
     * @param client the application's cluster client, which the check never shuts down
     * @return the check
     * @throws NullPointerException if {@code client} is null
     */
    public static RedisClusterHealthCheck of(RedisClusterClient client) {
        return builder(client).build();
    }

    /**
     * Starts a check on the application's cluster connection, which it never closes.
     *
     * @param connection the cluster connection the application uses
     * @return a builder with the defaults
     * @throws NullPointerException if {@code connection} is null
     */
    public static Builder builder(StatefulRedisClusterConnection<?, ?> connection) {
        Objects.requireNonNull(connection, "connection");
        return new Builder(ProbeConnection.borrowed(connection));
    }

    /**
     * Starts a check that keeps one cluster connection of its own, made from the application's
     * client on the first probe (a failed attempt is retried by the next probe).
     *
     * @param client the application's cluster client, which the check never shuts down
     * @return a builder with the defaults
     * @throws NullPointerException if {@code client} is null
     */
    public static Builder builder(RedisClusterClient client) {
        Objects.requireNonNull(client, "client");
        return new Builder(ProbeConnection.owned(new ClusterConnector(client), null, RedisClusterHealthCheck.class));
    }

    /**
     * Starts a probe: sends {@code PING} and {@code CLUSTER INFO} and returns at once.
     *
     * @param context the invocation's deadline; the probe is bounded by its {@link CheckContext#clientTimeout()}
     * @return a stage that completes with the result within the client timeout; never exceptionally
     */
    @Override
    public CompletionStage<HealthResult> checkAsync(CheckContext context) {
        long startNanos = System.nanoTime();
        return connection.probe(context.name(), context.clientTimeout(), this::probe)
                .handle((result, failure) -> outcome(result, failure, System.nanoTime() - startNanos));
    }

    /**
     * Closes the cluster connection the check made from a {@link RedisClusterClient}, if it made
     * one; a connection the application passed in is left open. Idempotent and thread-safe.
     */
    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "RedisClusterHealthCheck[" + (connection.isBorrowed() ? "application connection" : "own connection") + "]";
    }

    private CompletableFuture<HealthResult> probe(StatefulRedisClusterConnection<?, ?> cluster, long remainingNanos) {
        // No isOpen() shortcut as in RedisHealthCheck: a cluster connection reports itself closed
        // while any one node is unreachable, even when the node it asks is fine.
        RedisAdvancedClusterAsyncCommands<?, ?> commands = cluster.async();
        long sentNanos = System.nanoTime();
        RedisFuture<String> ping = commands.ping();
        CompletableFuture<Long> pingNanos = ping.toCompletableFuture().thenApply(pong -> System.nanoTime() - sentNanos);
        RedisFuture<String> clusterInfo = commands.clusterInfo();
        return ProbeConnection.bounded(pingNanos.thenCombine(clusterInfo, (nanos, text) -> evaluate(nanos, RedisInfo.parse(text))),
                remainingNanos, RedisFailure.where(null), new ProbeConnection.Reply("PONG", ping),
                new ProbeConnection.Reply("CLUSTER INFO reply", clusterInfo));
    }

    private HealthResult outcome(@Nullable HealthResult result, @Nullable Throwable failure, long elapsedNanos) {
        if (failure == null && result != null) {
            return result;
        }
        // Unwrapped: the result's error is what failed, not the CompletionException of a stage it went through.
        Throwable error = failure == null ? new IllegalStateException("probe returned no result") : RedisFailure.unwrap(failure);
        return failed(RedisFailure.classify(error, elapsedNanos, null), error);
    }

    private HealthResult failed(RedisFailure.Outcome outcome, @Nullable Throwable error) {
        if (outcome.connectionError()) {
            meters.connectionError();
        }
        HealthResult result = HealthResult.unhealthy(outcome.message());
        return error == null ? result : result.withError(error);
    }

    private HealthResult evaluate(long pingNanos, RedisInfo info) {
        meters.ping(pingNanos);
        String state = info.text("cluster_state");
        long assigned = info.number("cluster_slots_assigned");
        long pfail = info.number("cluster_slots_pfail");
        long fail = info.number("cluster_slots_fail");
        HealthResult result = HealthResult.healthy()
                .withDetail("pingLatencyMillis", Math.round(pingNanos / 1_000.0) / 1_000.0)
                .withDetail("clusterState", state == null ? "unknown" : state)
                .withDetail("slotsAssigned", assigned)
                .withDetail("slotsOk", info.number("cluster_slots_ok"))
                .withDetail("slotsPfail", pfail)
                .withDetail("slotsFail", fail)
                .withDetail("knownNodes", info.number("cluster_known_nodes"))
                .withDetail("clusterSize", info.number("cluster_size"));
        if (!"ok".equals(state)) {
            return result.withStatus(HealthStatus.UNHEALTHY).withMessage("cluster_state is " + state
                    + ": " + assigned + " of " + SLOTS + " slots assigned, " + fail + " in fail, " + pfail + " in pfail");
        }
        if (pfail > 0 || fail > 0) {
            return result.withStatus(HealthStatus.DEGRADED)
                    .withMessage(fail + " slots in fail and " + pfail + " in pfail state");
        }
        if (assigned >= 0 && assigned < SLOTS) {
            return result.withStatus(HealthStatus.DEGRADED)
                    .withMessage("only " + assigned + " of " + SLOTS + " slots are assigned");
        }
        return result;
    }

    /**
     * Makes the cluster connection the check owns from the application's cluster client. Lettuce
     * reconnects it by itself (that is how a cluster connection follows its nodes through a
     * failover), so it stays usable; its topology refresh and connects are bounded by the client's
     * own options, and each probe's wait for them by the probe's time.
     */
    private static final class ClusterConnector implements ProbeConnection.Connector<StatefulRedisClusterConnection<?, ?>> {
        private final RedisClusterClient client;

        ClusterConnector(RedisClusterClient client) {
            this.client = client;
        }

        @Override
        public CompletionStage<StatefulRedisClusterConnection<String, String>> connect(Duration timeout) {
            // Lettuce connects asynchronously only once it knows the topology: load it first, as connect() does.
            return client.refreshPartitionsAsync().thenCompose(loaded -> client.connectAsync(StringCodec.UTF8));
        }

        @Override
        public boolean usable(StatefulRedisClusterConnection<?, ?> connection) {
            // Not isOpen(): a cluster connection reports itself closed while any one node is unreachable.
            return true;
        }

        @Override
        public void close() {
            // The client is the application's.
        }
    }

    /**
     * Builds a {@link RedisClusterHealthCheck}. Not thread-safe; the check it builds is.
     */
    public static final class Builder {
        private final ProbeConnection<StatefulRedisClusterConnection<?, ?>> connection;
        private @Nullable HealthMetrics metrics;

        private Builder(ProbeConnection<StatefulRedisClusterConnection<?, ?>> connection) {
            this.connection = connection;
        }

        /**
         * Publishes the check's meters to {@code registry} under {@code prefix}: the same
         * {@code <prefix>.redis.connection.errors} counter and {@code <prefix>.redis.ping.latency}
         * timer as {@link RedisHealthCheck.Builder#metrics}.
         *
         * @param value the binding to a registry and the common name prefix
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder metrics(HealthMetrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /**
         * Builds the check, registering its meters if {@link #metrics} was set. Connects nothing.
         *
         * @return the check, immutable in configuration and thread-safe
         */
        public RedisClusterHealthCheck build() {
            return new RedisClusterHealthCheck(this);
        }
    }
}
