package io.healthmonitor.nats;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.Redactor;
import io.nats.client.Connection;
import io.nats.client.Statistics;
import io.nats.client.api.ServerInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Checks the application's own NATS {@link Connection}: its state, whether its server is in
 * lame-duck mode, and a ping round trip. It never opens a connection of its own.
 *
 * <table>
 *   <caption>Status mapping</caption>
 *   <tr><th>Connection</th><th>Result</th></tr>
 *   <tr><td>{@code CONNECTED}, PONG before the deadline</td><td>healthy</td></tr>
 *   <tr><td>{@code CONNECTED}, server in lame-duck mode</td><td>degraded</td></tr>
 *   <tr><td>{@code CONNECTED}, no PONG before the deadline</td><td>unhealthy</td></tr>
 *   <tr><td>{@code RECONNECTING}, {@code DISCONNECTED}, {@code CONNECTING}</td>
 *       <td>degraded for the grace period (default 10 s), then unhealthy</td></tr>
 *   <tr><td>{@code CLOSED}</td><td>unhealthy</td></tr>
 * </table>
 *
 * <p>Details: {@code connectionStatus}, {@code rttMillis}, {@code serverId}, {@code serverName},
 * {@code serverVersion}, {@code connectedUrl} (credentials masked), {@code reconnects},
 * {@code lastError} (masked) and, while disconnected, {@code disconnectedMillis}.
 *
 * <p>The PING waits for its PONG at most for the invocation's
 * {@linkplain CheckContext#clientTimeout() client timeout}: the registration's deadline less a
 * margin, so that "no PONG from the NATS server within 1400 ms" is reported rather than the
 * engine's plain timeout. There is no timeout option of its own: set the registration's timeout.
 *
 * <p>To learn when a connection was lost, the check adds a {@link io.nats.client.ConnectionListener}
 * to it when built; it never closes, drains or reconfigures the connection. Immutable apart from
 * that outage record, and thread-safe.
 *
 * <pre>{@code
 * HealthCheck nats = NatsConnectionHealthCheck.builder(connection)
 *     .gracePeriod(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 */
public final class NatsConnectionHealthCheck implements HealthCheck {

    /** The default time a lost connection is reported degraded before it is unhealthy: ten seconds. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(10);

    private final Connection connection;
    private final Duration gracePeriod;
    private final InstantSource clock;
    private final Outage outage;

    private NatsConnectionHealthCheck(Builder builder) {
        this.connection = builder.connection;
        this.gracePeriod = builder.gracePeriod;
        this.clock = builder.clock;
        this.outage = new Outage(clock);
        connection.addConnectionListener(outage);
    }

    /**
     * Returns a check of {@code connection} with the default grace period of 10 s.
     *
     * @param connection the application's connection
     * @return the check
     * @throws NullPointerException if {@code connection} is null
     */
    public static NatsConnectionHealthCheck of(Connection connection) {
        return builder(connection).build();
    }

    /**
     * Starts building a check of {@code connection}.
     *
     * @param connection the application's connection
     * @return a builder with the defaults
     * @throws NullPointerException if {@code connection} is null
     */
    public static Builder builder(Connection connection) {
        return new Builder(connection);
    }

    /**
     * Reports the connection's state and, when connected, times a PING/PONG round trip that waits
     * at most for the context's client timeout.
     *
     * @param context the invocation's deadline and clock
     * @return the result, never null
     * @throws InterruptedException if the thread is interrupted while waiting for the PONG
     */
    @Override
    public HealthResult check(CheckContext context) throws InterruptedException {
        Connection.Status status = connection.getStatus();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("connectionStatus", status.name());
        if (status == Connection.Status.CONNECTED) {
            return connected(details, context.clientTimeout());
        }
        Instant lostAt = outage.down();
        describeServer(details);
        if (status == Connection.Status.CLOSED) {
            return new HealthResult(HealthStatus.UNHEALTHY, "NATS connection is closed", details, null);
        }
        Duration down = Duration.between(lostAt, clock.instant());
        down = down.isNegative() ? Duration.ZERO : down;
        details.put("disconnectedMillis", down.toMillis());
        details.put("gracePeriodMillis", gracePeriod.toMillis());
        String message = "NATS connection is " + status.name() + " for " + down.toMillis() + " ms";
        if (down.compareTo(gracePeriod) < 0) {
            return new HealthResult(HealthStatus.DEGRADED, message + ", within the grace period of "
                    + gracePeriod.toMillis() + " ms", details, null);
        }
        return new HealthResult(HealthStatus.UNHEALTHY, message + ", longer than the grace period of "
                + gracePeriod.toMillis() + " ms", details, null);
    }

    private HealthResult connected(Map<String, Object> details, Duration timeout) throws InterruptedException {
        Statistics statistics = connection.getStatistics();
        long pingsBefore = statistics.getPings();
        long start = System.nanoTime();
        try {
            // flush() sends a PING and waits for the PONG within the deadline's client timeout;
            // RTT() would wait for the connection's connect timeout instead.
            connection.flush(timeout);
        } catch (TimeoutException e) {
            if (connection.getStatus() != Connection.Status.CONNECTED) {
                return lostDuringPing(details);
            }
            outage.unanswered();
            describeServer(details);
            return new HealthResult(HealthStatus.UNHEALTHY, "no PONG from the NATS server within "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms", details, null);
        }
        double rttMillis = Math.round((System.nanoTime() - start) / 1_000.0) / 1_000.0;
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            // jnats completes pending PINGs when the connection drops; that is no round trip.
            return lostDuringPing(details);
        }
        if (statistics.getPings() == pingsBefore) {
            // flush() returns at once without a PING when earlier PINGs are still unanswered
            // (max pings out); jnats then drops the connection. That is no round trip.
            outage.unanswered();
            describeServer(details);
            return new HealthResult(HealthStatus.UNHEALTHY, "the NATS server has not answered earlier PINGs;"
                    + " the client is dropping the connection", details, null);
        }
        outage.answered();
        details.put("rttMillis", rttMillis);
        ServerInfo server = describeServer(details);
        if (server != null && server.isLameDuckMode()) {
            return new HealthResult(HealthStatus.DEGRADED,
                    "NATS server " + server.getServerName() + " is in lame-duck mode and will shut down", details, null);
        }
        return new HealthResult(HealthStatus.HEALTHY, null, details, null);
    }

    private HealthResult lostDuringPing(Map<String, Object> details) {
        Connection.Status after = connection.getStatus();
        details.put("connectionStatus", after.name());
        describeServer(details);
        return new HealthResult(HealthStatus.DEGRADED, "NATS connection was lost during the ping: " + after.name(),
                details, null);
    }

    private @Nullable ServerInfo describeServer(Map<String, Object> details) {
        ServerInfo server = connection.getServerInfo();
        if (server != null) {
            putIfPresent(details, "serverId", server.getServerId());
            putIfPresent(details, "serverName", server.getServerName());
            putIfPresent(details, "serverVersion", server.getVersion());
        }
        putIfPresent(details, "connectedUrl", Redactor.redact(connection.getConnectedUrl()));
        Statistics statistics = connection.getStatistics();
        if (statistics != null) {
            details.put("reconnects", statistics.getReconnects());
        }
        putIfPresent(details, "lastError", Redactor.redact(connection.getLastError()));
        return server;
    }

    private static void putIfPresent(Map<String, Object> details, String key, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            details.put(key, value);
        }
    }

    @Override
    public String toString() {
        return "NatsConnectionHealthCheck[gracePeriod=" + gracePeriod + "]";
    }

    /** Builds a {@link NatsConnectionHealthCheck}; not thread-safe. */
    public static final class Builder {
        private final Connection connection;
        private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
        private InstantSource clock = InstantSource.system();

        private Builder(Connection connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
        }

        /**
         * Sets how long a lost connection is reported degraded before it is unhealthy (default 10 s).
         * Zero reports a lost connection unhealthy at once.
         *
         * @param value the grace period
         * @return this builder
         * @throws NullPointerException     if {@code value} is null
         * @throws IllegalArgumentException if {@code value} is negative
         */
        public Builder gracePeriod(Duration value) {
            Objects.requireNonNull(value, "gracePeriod");
            if (value.isNegative()) {
                throw new IllegalArgumentException("gracePeriod must be >= 0");
            }
            this.gracePeriod = value;
            return this;
        }

        /**
         * Sets the source of wall time that measures the grace period (default the system clock).
         *
         * @param value the clock
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Builds the check and registers its connection listener on the connection.
         *
         * @return an immutable, thread-safe check
         */
        public NatsConnectionHealthCheck build() {
            return new NatsConnectionHealthCheck(this);
        }
    }
}
