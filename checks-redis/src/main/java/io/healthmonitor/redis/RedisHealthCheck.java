package io.healthmonitor.redis;

import io.healthmonitor.AsyncHealthCheck;
import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.micrometer.HealthMetrics;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Checks a standalone Redis (master or replica) through Lettuce: a {@code PING} round trip and,
 * pipelined with it, what {@code INFO} says about memory, clients and replication.
 *
 * <pre>{@code
 * RedisHealthCheck redis = RedisHealthCheck.builder(connection)   // the application's connection
 *         .metrics(HealthMetrics.of(meterRegistry, "credlink"))
 *         .build();
 * HealthMonitor monitor = HealthMonitor.builder().register("redis", redis).build();
 * }</pre>
 *
 * <p>Status:
 * <ul>
 *   <li>{@code UNHEALTHY} when the {@code PING} fails or does not answer in time
 *       (connection refused, disconnected, {@code NOAUTH}/{@code WRONGPASS}, {@code LOADING},
 *       {@code MASTERDOWN}, timeouts), and when Redis is out of memory: its
 *       {@code maxmemory-policy} is {@code noeviction}, used memory is above the memory threshold
 *       and Redis has refused commands with {@code OOM};</li>
 *   <li>{@code DEGRADED} when used memory is at or above the memory threshold of {@code maxmemory}
 *       (90 % by default), or when a replica's link to its master is down;</li>
 *   <li>{@code HEALTHY} otherwise. A failing {@code INFO} (a renamed command, an ACL that forbids
 *       it) does not fail the check: the {@code PING} answered; the detail {@code info} says why
 *       there is no insight.</li>
 * </ul>
 *
 * <p>Details, in this order: {@code pingLatencyMillis}, {@code redisVersion}, {@code mode},
 * {@code role} ({@code master} or {@code replica}), {@code masterLinkStatus} (replicas),
 * {@code connectedReplicas} (masters), {@code uptimeSeconds}, {@code usedMemoryBytes},
 * {@code maxMemoryBytes} (0: no limit), {@code memoryUsedRatio} (with a limit),
 * {@code maxMemoryPolicy}, {@code connectedClients}, {@code blockedClients},
 * {@code rejectedConnections}, {@code evictedKeys}, {@code oomErrors}. A field an older Redis does
 * not report is left out.
 *
 * <p>The check holds no thread while Redis answers. Every probe is bounded by the invocation's
 * {@linkplain CheckContext#clientTimeout() client timeout}, the registration's deadline less a
 * margin: connecting (for a check that owns its connection) waits at most for all of it, the
 * pipelined commands for what is left then, and a probe that runs out reports what it missed and
 * how long it waited ("no PONG from Redis within 1400 ms") before the engine's deadline. Immutable
 * in configuration and thread-safe: concurrent probes share the one connection.
 *
 * <p>A check made with {@link #builder(RedisClient, RedisURI)} owns its connection: it makes it
 * through a Lettuce client of its own on the application's client resources and options, without
 * Lettuce's auto-reconnect, and makes a new one at the next probe once Redis closed it. Lettuce then
 * logs nothing while Redis is down; the check logs the outage once at {@code WARN} and the
 * recovery at {@code INFO}, on this class's logger. Closing the check closes that connection and
 * that client, and nothing else: neither the application's connection nor its client.
 */
public final class RedisHealthCheck implements AsyncHealthCheck, AutoCloseable {

    /** The default memory threshold: degraded at 90 % of {@code maxmemory}. */
    public static final double DEFAULT_MEMORY_THRESHOLD = 0.9;

    private final ProbeConnection<StatefulRedisConnection<?, ?>> connection;
    private final @Nullable String endpoint;
    private final double memoryThreshold;
    private final boolean info;
    private final RedisMeters meters;

    private RedisHealthCheck(Builder builder) {
        this.connection = builder.connection;
        this.endpoint = builder.endpoint;
        this.memoryThreshold = builder.memoryThreshold;
        this.info = builder.info;
        this.meters = builder.metrics == null ? RedisMeters.NONE : RedisMeters.register(builder.metrics);
    }

    /**
     * Returns a check with the defaults on the application's connection, which it never closes.
     *
     * @param connection the connection the application uses
     * @return the check
     * @throws NullPointerException if {@code connection} is null
     */
    public static RedisHealthCheck of(StatefulRedisConnection<?, ?> connection) {
        return builder(connection).build();
    }

    /**
     * Returns a check with the defaults that keeps one connection of its own to {@code uri}, made
     * on the application's client resources at the first probe; {@link #close()} closes it.
     *
     * @param client the application's client, whose resources and options the check uses; never
     *               reconfigured or shut down by the check
     * @param uri    where Redis is, with its credentials
     * @return the check
     * @throws NullPointerException if an argument is null
     */
    public static RedisHealthCheck of(RedisClient client, RedisURI uri) {
        return builder(client, uri).build();
    }

    /**
     * Starts a check on the application's connection, which it never closes.
     *
     * @param connection the connection the application uses
     * @return a builder with the defaults
     * @throws NullPointerException if {@code connection} is null
     */
    public static Builder builder(StatefulRedisConnection<?, ?> connection) {
        Objects.requireNonNull(connection, "connection");
        return new Builder(ProbeConnection.borrowed(connection), null);
    }

    /**
     * Starts a check that keeps one connection of its own to {@code uri}, made at the first probe
     * through a Lettuce client of the check's own that shares the application's client resources
     * (threads) and takes its client options, except that it does not reconnect by itself: a failed
     * attempt, or a connection Redis closed, is made again at the next probe, within that probe's
     * time. The URI's timeout is replaced by the probe's.
     *
     * @param client the application's client, whose resources and options the check uses; never
     *               reconfigured or shut down by the check
     * @param uri    where Redis is, with its credentials
     * @return a builder with the defaults
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(RedisClient client, RedisURI uri) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(uri, "uri");
        String endpoint = uri.getSocket() != null ? uri.getSocket() : uri.getHost() + ":" + uri.getPort();
        return new Builder(ProbeConnection.owned(new QuietRedisConnector(client, uri), endpoint, RedisHealthCheck.class),
                endpoint);
    }

    /**
     * Starts a probe: sends {@code PING} (and {@code INFO}) and returns at once.
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
     * Closes the connection the check made from a {@link RedisClient}, if it made one; a connection
     * the application passed in is left open. Later probes report unhealthy. Idempotent and thread-safe.
     */
    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "RedisHealthCheck[" + (endpoint == null ? "application connection" : endpoint) + "]";
    }

    private CompletableFuture<HealthResult> probe(StatefulRedisConnection<?, ?> redis, long remainingNanos) {
        if (!redis.isOpen()) {
            // Closed with close() (the application's connection, by the application) is not a reconnect in progress.
            return CompletableFuture.completedFuture(failed(redis instanceof RedisChannelHandler<?, ?> handler
                    && handler.isClosed() ? RedisFailure.closed(endpoint)
                    : RedisFailure.disconnected(endpoint, redis.getOptions().isAutoReconnect()), null));
        }
        RedisAsyncCommands<?, ?> commands = redis.async();
        String where = RedisFailure.where(endpoint);
        long sentNanos = System.nanoTime();
        RedisFuture<String> ping = commands.ping();
        CompletableFuture<Long> pingNanos = ping.toCompletableFuture().thenApply(pong -> System.nanoTime() - sentNanos);
        ProbeConnection.Reply pong = new ProbeConnection.Reply("PONG", ping);
        if (!info) {
            return ProbeConnection.bounded(pingNanos.thenApply(nanos -> evaluate(nanos, null, null, 0)), remainingNanos,
                    where, pong);
        }
        RedisFuture<String> infoReply = commands.info();
        CompletableFuture<HealthResult> result = pingNanos.thenCombine(
                infoReply.toCompletableFuture().handle((text, failure) -> failure == null ? text : failure),
                (nanos, text) -> text instanceof String reply ? evaluate(nanos, RedisInfo.parse(reply), null, 0)
                        : evaluate(nanos, null, (Throwable) text, System.nanoTime() - sentNanos));
        return ProbeConnection.bounded(result, remainingNanos, where, pong, new ProbeConnection.Reply("INFO reply", infoReply));
    }

    private HealthResult outcome(@Nullable HealthResult result, @Nullable Throwable failure, long elapsedNanos) {
        if (failure == null && result != null) {
            return result;
        }
        // Unwrapped: the result's error is what failed, not the CompletionException of a stage it went through.
        Throwable error = failure == null ? new IllegalStateException("probe returned no result") : RedisFailure.unwrap(failure);
        return failed(RedisFailure.classify(error, elapsedNanos, endpoint), error);
    }

    private HealthResult failed(RedisFailure.Outcome outcome, @Nullable Throwable error) {
        if (outcome.connectionError()) {
            meters.connectionError();
        }
        HealthResult result = HealthResult.unhealthy(outcome.message());
        return error == null ? result : result.withError(error);
    }

    private HealthResult evaluate(long pingNanos, @Nullable RedisInfo server, @Nullable Throwable infoFailure,
            long infoNanos) {
        meters.ping(pingNanos);
        HealthResult result = HealthResult.healthy().withDetail("pingLatencyMillis", Math.round(pingNanos / 1_000.0) / 1_000.0);
        if (infoFailure != null) {
            return result.withDetail("info", "unavailable: " + RedisFailure.classify(infoFailure, infoNanos, endpoint).message());
        }
        if (server == null) {
            return result;
        }
        List<Detail> details = new ArrayList<>(16);
        details.add(new Detail("redisVersion", server.text("redis_version")));
        details.add(new Detail("mode", server.text("redis_mode")));
        String role = server.text("role");
        boolean replica = "slave".equals(role) || "replica".equals(role);
        details.add(new Detail("role", role == null ? null : replica ? "replica" : role));
        String link = replica ? server.text("master_link_status") : null;
        details.add(new Detail("masterLinkStatus", link));
        details.add(Detail.count("connectedReplicas", replica ? -1 : server.number("connected_slaves")));
        details.add(Detail.count("uptimeSeconds", server.number("uptime_in_seconds")));
        long used = server.number("used_memory");
        long max = server.number("maxmemory");
        details.add(Detail.count("usedMemoryBytes", used));
        details.add(Detail.count("maxMemoryBytes", max));
        double ratio = used >= 0 && max > 0 ? (double) used / max : -1;
        details.add(new Detail("memoryUsedRatio", ratio < 0 ? null : Math.round(ratio * 10_000) / 10_000.0));
        String policy = server.text("maxmemory_policy");
        details.add(new Detail("maxMemoryPolicy", policy));
        details.add(Detail.count("connectedClients", server.number("connected_clients")));
        details.add(Detail.count("blockedClients", server.number("blocked_clients")));
        details.add(Detail.count("rejectedConnections", server.number("rejected_connections")));
        details.add(Detail.count("evictedKeys", server.number("evicted_keys")));
        long oomErrors = server.errorCount("OOM");
        details.add(Detail.count("oomErrors", oomErrors));
        for (Detail detail : details) {
            if (detail.value() != null) {
                result = result.withDetail(detail.key(), detail.value());
            }
        }

        HealthStatus status = HealthStatus.HEALTHY;
        List<String> problems = new ArrayList<>(2);
        if (ratio >= memoryThreshold) {
            String usage = "memory " + percent(ratio) + " of maxmemory (threshold " + percent(memoryThreshold) + ")";
            if ("noeviction".equals(policy) && oomErrors > 0) {
                status = HealthStatus.UNHEALTHY;
                problems.add("out of memory (OOM): " + usage + ", policy noeviction, " + oomErrors
                        + " commands refused with OOM");
            } else {
                status = HealthStatus.DEGRADED;
                problems.add(usage);
            }
        }
        if (replica && link != null && !"up".equals(link)) {
            status = status.worst(HealthStatus.DEGRADED);
            problems.add("replica's link to its master is " + link);
        }
        return problems.isEmpty() ? result : result.withStatus(status).withMessage(String.join("; ", problems));
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    /** One detail before it goes into a result; a null value (a field Redis did not report) is left out. */
    private record Detail(String key, @Nullable Object value) {
        static Detail count(String key, long value) {
            return new Detail(key, value < 0 ? null : value);
        }
    }

    /**
     * Builds a {@link RedisHealthCheck}. Not thread-safe; the check it builds is.
     */
    public static final class Builder {
        private final ProbeConnection<StatefulRedisConnection<?, ?>> connection;
        private final @Nullable String endpoint;
        private double memoryThreshold = DEFAULT_MEMORY_THRESHOLD;
        private boolean info = true;
        private @Nullable HealthMetrics metrics;

        private Builder(ProbeConnection<StatefulRedisConnection<?, ?>> connection, @Nullable String endpoint) {
            this.connection = connection;
            this.endpoint = endpoint;
        }

        /**
         * Sets the share of {@code maxmemory} at and above which Redis is degraded (default 0.9).
         *
         * @param ratio a ratio in (0, 1]
         * @return this builder
         */
        public Builder memoryThreshold(double ratio) {
            if (!(ratio > 0 && ratio <= 1)) {
                throw new IllegalArgumentException("memoryThreshold must be > 0 and <= 1, was " + ratio);
            }
            this.memoryThreshold = ratio;
            return this;
        }

        /**
         * Sets whether each probe also asks {@code INFO} (default true). Without it the check is a
         * bare {@code PING}: no memory, client or replication insight, and no memory status.
         *
         * @param enabled false for {@code PING} only
         * @return this builder
         */
        public Builder info(boolean enabled) {
            this.info = enabled;
            return this;
        }

        /**
         * Publishes the check's meters to {@code registry}, named under {@code prefix} like every
         * Health Monitor meter: {@code <prefix>.redis.connection.errors} (a counter, Prometheus
         * {@code <prefix>_redis_connection_errors_total}: probes that could not reach Redis,
         * were refused authentication, or timed out) and {@code <prefix>.redis.ping.latency} (a
         * timer of the {@code PING} round trip). Checks built with the same registry and prefix
         * share these meters.
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
         * Builds the check, registering its meters if {@link #metrics} was set. Connects nothing:
         * a check that owns its connection makes it on the first probe.
         *
         * @return the check, immutable in configuration and thread-safe
         */
        public RedisHealthCheck build() {
            return new RedisHealthCheck(this);
        }
    }
}
