package io.healthmonitor.nats;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.api.AccountStatistics;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Checks JetStream through the application's own NATS {@link Connection}: that the account's
 * JetStream answers, that named streams exist, and that named consumers keep up.
 *
 * <ul>
 *   <li>JetStream does not answer, or the connection is not {@code CONNECTED}: unhealthy;</li>
 *   <li>a named stream or consumer does not exist: unhealthy, naming it;</li>
 *   <li>a consumer's pending messages (not yet delivered) exceed {@link Builder#maxPending(long)}, or
 *       its messages awaiting acknowledgement exceed {@link Builder#maxAckPending(long)}: degraded,
 *       so that "missing events" show as lag;</li>
 *   <li>otherwise healthy.</li>
 * </ul>
 *
 * <p>The requests go one after the other within the invocation's deadline: each JetStream API
 * request waits at most for what is left of the context's {@linkplain CheckContext#clientTimeout()
 * client timeout} when it starts, so a slow account request leaves less to the stream requests and
 * the check still reports which request it was on, and for how long, before the deadline. There is
 * no timeout option of its own: set the registration's timeout. Details: {@code accountStreams},
 * {@code accountConsumers}, {@code memoryBytes}, {@code storageBytes}, then {@code streams} (per stream:
 * {@code messages}, {@code bytes}, {@code consumers}) and {@code consumers} (per {@code stream/consumer}:
 * {@code pendingMessages}, {@code ackPendingMessages}, {@code redeliveredMessages}).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * HealthCheck jetStream = JetStreamHealthCheck.builder(connection)
 *     .streams("ORDERS")
 *     .consumer("ORDERS", "billing")
 *     .maxPending(1_000)
 *     .build();
 * }</pre>
 */
public final class JetStreamHealthCheck implements HealthCheck {

    /** The default threshold of a consumer's pending messages: 1,000. */
    public static final long DEFAULT_MAX_PENDING = 1_000;
    /** The default threshold of a consumer's messages awaiting acknowledgement: 1,000. */
    public static final long DEFAULT_MAX_ACK_PENDING = 1_000;

    /** {@link CheckContext#clientTimeout()} never goes below 1 ms: at that floor no time is left for a request. */
    private static final Duration NO_TIME = Duration.ofMillis(1);
    /** JetStream's API error code for a stream that does not exist. */
    private static final int STREAM_NOT_FOUND = 10059;
    /** JetStream's API error code for a consumer that does not exist. */
    private static final int CONSUMER_NOT_FOUND = 10014;

    private final Connection connection;
    private final List<String> streams;
    private final List<ConsumerName> consumers;
    private final long maxPending;
    private final long maxAckPending;

    private JetStreamHealthCheck(Builder builder) {
        this.connection = builder.connection;
        this.streams = List.copyOf(builder.streams);
        this.consumers = List.copyOf(builder.consumers);
        this.maxPending = builder.maxPending;
        this.maxAckPending = builder.maxAckPending;
    }

    /**
     * Returns a check that only asks whether the account's JetStream answers.
     *
     * @param connection the application's connection
     * @return the check
     * @throws NullPointerException if {@code connection} is null
     */
    public static JetStreamHealthCheck of(Connection connection) {
        return builder(connection).build();
    }

    /**
     * Starts building a check on {@code connection}.
     *
     * @param connection the application's connection
     * @return a builder with the defaults: no streams or consumers, thresholds of 1,000
     * @throws NullPointerException if {@code connection} is null
     */
    public static Builder builder(Connection connection) {
        return new Builder(connection);
    }

    /**
     * Asks JetStream for the account, each stream and each consumer, one request after the other;
     * each request waits at most for what is left of the context's client timeout.
     *
     * @param context the invocation's deadline and clock
     * @return the result, never null
     */
    @Override
    public HealthResult check(CheckContext context) {
        Connection.Status status = connection.getStatus();
        if (status != Connection.Status.CONNECTED) {
            return HealthResult.unhealthy("JetStream is unreachable: the NATS connection is " + status.name())
                    .withDetail("connectionStatus", status.name());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        Requests requests = new Requests(context);
        try {
            AccountStatistics account = requests.send("account information", JetStreamManagement::getAccountStatistics);
            details.put("accountStreams", account.getStreams());
            details.put("accountConsumers", account.getConsumers());
            details.put("memoryBytes", account.getMemory());
            details.put("storageBytes", account.getStorage());

            List<String> missing = new ArrayList<>();
            Map<String, Object> streamDetails = new LinkedHashMap<>();
            for (String stream : streams) {
                StreamInfo info = requests.find("stream " + stream, jsm -> jsm.getStreamInfo(stream), STREAM_NOT_FOUND);
                if (info == null) {
                    missing.add("stream " + stream);
                    continue;
                }
                StreamState state = info.getStreamState();
                Map<String, Object> size = new LinkedHashMap<>();
                size.put("messages", state.getMsgCount());
                size.put("bytes", state.getByteCount());
                size.put("consumers", state.getConsumerCount());
                streamDetails.put(stream, size);
            }
            if (!streams.isEmpty()) {
                details.put("streams", streamDetails);
            }

            List<String> lagging = new ArrayList<>();
            Map<String, Object> consumerDetails = new LinkedHashMap<>();
            for (ConsumerName consumer : consumers) {
                ConsumerInfo info = requests.find("consumer " + consumer,
                        jsm -> jsm.getConsumerInfo(consumer.stream(), consumer.name()), CONSUMER_NOT_FOUND, STREAM_NOT_FOUND);
                if (info == null) {
                    missing.add("consumer " + consumer);
                    continue;
                }
                Map<String, Object> lag = new LinkedHashMap<>();
                lag.put("pendingMessages", info.getNumPending());
                lag.put("ackPendingMessages", info.getNumAckPending());
                lag.put("redeliveredMessages", info.getRedelivered());
                consumerDetails.put(consumer.toString(), lag);
                if (info.getNumPending() > maxPending) {
                    lagging.add("consumer " + consumer + " has " + info.getNumPending() + " pending messages (more than "
                            + maxPending + ")");
                }
                if (info.getNumAckPending() > maxAckPending) {
                    lagging.add("consumer " + consumer + " has " + info.getNumAckPending()
                            + " messages awaiting acknowledgement (more than " + maxAckPending + ")");
                }
            }
            if (!consumers.isEmpty()) {
                details.put("consumers", consumerDetails);
            }

            if (!missing.isEmpty()) {
                return new HealthResult(HealthStatus.UNHEALTHY, "not found in JetStream: " + String.join(", ", missing),
                        details, null);
            }
            if (!lagging.isEmpty()) {
                return new HealthResult(HealthStatus.DEGRADED, String.join("; ", lagging), details, null);
            }
            return new HealthResult(HealthStatus.HEALTHY, null, details, null);
        } catch (OutOfTime e) {
            return new HealthResult(HealthStatus.UNHEALTHY, "JetStream check had no time left to ask for " + requests.step
                    + ": the requests before it took " + requests.millisSince(requests.checkStarted) + " ms of the "
                    + context.timeout().toMillis() + " ms deadline", details, null);
        } catch (IOException e) {
            long took = requests.millisSince(requests.stepStarted);
            String what = took >= requests.stepTimeout.toMillis()
                    ? "JetStream did not answer the request for " + requests.step + " within " + took + " ms"
                    : "JetStream request for " + requests.step + " failed after " + took + " ms";
            return new HealthResult(HealthStatus.UNHEALTHY, what + ": " + HealthResult.describe(e), details, e);
        } catch (JetStreamApiException e) {
            return new HealthResult(HealthStatus.UNHEALTHY, "JetStream refused the request for " + requests.step + ": "
                    + e.getErrorDescription() + " (error " + e.getApiErrorCode() + ")", details, e);
        }
    }

    /**
     * The requests of one invocation, one after the other: each gets what is left of the client
     * timeout when it starts, and the step being asked for is kept for the message.
     */
    private final class Requests {
        private final CheckContext context;
        private final long checkStarted = System.nanoTime();
        private String step = "";
        private long stepStarted = checkStarted;
        private Duration stepTimeout = Duration.ZERO;

        Requests(CheckContext context) {
            this.context = context;
        }

        <T> T send(String what, Request<T> request) throws IOException, JetStreamApiException {
            step = what;
            stepTimeout = context.clientTimeout();
            if (stepTimeout.compareTo(NO_TIME) <= 0) {
                throw new OutOfTime();
            }
            stepStarted = System.nanoTime();
            // A management context bounds each of its requests by one timeout; creating one sends nothing.
            return request.send(connection.jetStreamManagement(JetStreamOptions.builder().requestTimeout(stepTimeout).build()));
        }

        <T> @Nullable T find(String what, Request<T> request, int... notFoundCodes) throws IOException, JetStreamApiException {
            try {
                return send(what, request);
            } catch (JetStreamApiException e) {
                for (int code : notFoundCodes) {
                    if (e.getApiErrorCode() == code) {
                        return null;
                    }
                }
                throw e;
            }
        }

        long millisSince(long nanos) {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
        }
    }

    @Override
    public String toString() {
        return "JetStreamHealthCheck[streams=" + streams + ", consumers=" + consumers + ", maxPending=" + maxPending
                + ", maxAckPending=" + maxAckPending + "]";
    }

    @FunctionalInterface
    private interface Request<T> {
        T send(JetStreamManagement management) throws IOException, JetStreamApiException;
    }

    /** Thrown when no time is left for the next request; never leaves the check. */
    private static final class OutOfTime extends IOException {
        private static final long serialVersionUID = 1L;

        OutOfTime() {
            super(null, null);
        }
    }

    private record ConsumerName(String stream, String name) {
        @Override
        public String toString() {
            return stream + "/" + name;
        }
    }

    /** Builds a {@link JetStreamHealthCheck}; not thread-safe. */
    public static final class Builder {
        private final Connection connection;
        private final Set<String> streams = new LinkedHashSet<>();
        private final Set<ConsumerName> consumers = new LinkedHashSet<>();
        private long maxPending = DEFAULT_MAX_PENDING;
        private long maxAckPending = DEFAULT_MAX_ACK_PENDING;

        private Builder(Connection connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
        }

        /**
         * Adds streams that must exist.
         *
         * @param names the streams' names
         * @return this builder
         * @throws NullPointerException     if a name is null
         * @throws IllegalArgumentException if a name is blank or holds whitespace, '.', '*', '>', '/' or a backslash
         */
        public Builder streams(String... names) {
            for (String name : names) {
                streams.add(requireName(name, "stream"));
            }
            return this;
        }

        /**
         * Adds a consumer that must exist and keep up; its stream need not be added with {@link #streams}.
         *
         * @param stream the stream's name
         * @param name   the consumer's (durable) name
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if an argument is blank or holds whitespace, '.', '*', '>', '/' or a backslash
         */
        public Builder consumer(String stream, String name) {
            consumers.add(new ConsumerName(requireName(stream, "stream"), requireName(name, "consumer")));
            return this;
        }

        /**
         * Sets how many messages a consumer may have pending (in its stream, not yet delivered)
         * before the check is degraded (default 1,000).
         *
         * @param value the threshold
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is negative
         */
        public Builder maxPending(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxPending must be >= 0");
            }
            this.maxPending = value;
            return this;
        }

        /**
         * Sets how many delivered messages a consumer may have awaiting acknowledgement before the
         * check is degraded (default 1,000).
         *
         * @param value the threshold
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is negative
         */
        public Builder maxAckPending(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxAckPending must be >= 0");
            }
            this.maxAckPending = value;
            return this;
        }

        /**
         * Builds the check.
         *
         * @return an immutable, thread-safe check
         */
        public JetStreamHealthCheck build() {
            return new JetStreamHealthCheck(this);
        }

        private static String requireName(String name, String what) {
            Objects.requireNonNull(name, what);
            if (name.isBlank()) {
                throw new IllegalArgumentException(what + " name must not be blank");
            }
            // The name becomes a token of a JetStream API subject ($JS.API.STREAM.INFO.<name>): a '.'
            // asked a subject no one answers (a timeout), a wildcard or a space made jnats throw at
            // every probe. NATS forbids these in stream and consumer names.
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '.' || c == '*' || c == '>' || c == '/' || c == '\\' || Character.isWhitespace(c)
                        || Character.isISOControl(c)) {
                    throw new IllegalArgumentException(what + " name must not contain whitespace, '.', '*', '>', '/'"
                            + " or '\\', was '" + name + "'");
                }
            }
            return name;
        }
    }
}
