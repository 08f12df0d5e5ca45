package io.healthmonitor.nats;

import io.healthmonitor.HealthResult;
import io.healthmonitor.Redactor;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.support.Status;
import java.io.IOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what happens to a jnats {@link Connection} through slf4j, once per change of state, instead
 * of jnats' default {@code ErrorListener}, which logs every failed reconnect attempt at
 * {@code SEVERE} through {@code java.util.logging} (every 2 s for as long as the server is down).
 *
 * <p>The application owns its connection, so it puts this listener in the connection's options:
 *
 * <pre>{@code
 * NatsConnectionLogging logging = NatsConnectionLogging.of();
 * Connection connection = Nats.connect(new Options.Builder()
 *     .server(url)
 *     .connectionListener(logging)
 *     .errorListener(logging)
 *     .build());
 * }</pre>
 *
 * <table>
 *   <caption>What is logged, on logger {@code io.healthmonitor.nats.NatsConnectionLogging}</caption>
 *   <tr><th>Change</th><th>Level</th><th>Example</th></tr>
 *   <tr><td>first connected</td><td>INFO</td><td>NATS connection 'orders' connected to nats://127.0.0.1:4222</td></tr>
 *   <tr><td>server lost</td><td>WARN</td><td>NATS connection 'orders' lost nats://127.0.0.1:4222:
 *       java.io.IOException: Read channel closed.; reconnecting in the background</td></tr>
 *   <tr><td>reconnected</td><td>INFO</td><td>NATS connection 'orders' reconnected to nats://127.0.0.1:4222
 *       after 6042 ms and 3 failed attempts (last: java.net.ConnectException: Connection refused)</td></tr>
 *   <tr><td>first connect failed</td><td>WARN</td><td>NATS connection 'orders' cannot connect to ...</td></tr>
 *   <tr><td>closed while connected</td><td>INFO</td><td>NATS connection 'orders' closed</td></tr>
 *   <tr><td>closed while without a server</td><td>WARN</td><td>NATS connection 'orders' closed after ... without a server</td></tr>
 *   <tr><td>server in lame-duck mode</td><td>WARN</td><td>... its server entered lame-duck mode and will shut down</td></tr>
 * </table>
 *
 * <p>While the connection is without a server, the failure of each reconnect attempt is logged at
 * {@code DEBUG} only; the last one is given in the line that ends the outage. A server's refusal of an
 * attempt ({@code -ERR 'Authorization Violation'}) is that attempt's cause, not the timeout jnats
 * reports after it. While it is connected,
 * errors the server reports, exceptions, slow consumers and JetStream subscription alarms are
 * logged at {@code WARN} once per distinct text until the state changes (then at {@code DEBUG});
 * discarded messages and flow control at {@code DEBUG}. Every text passes through
 * {@link Redactor}, so credentials in URLs and error messages are masked.
 *
 * <p>Use one instance per connection: it keeps that connection's state. Thread-safe. To keep a
 * connection listener of your own as well, call both from one lambda in the options, or add yours
 * with {@link Connection#addConnectionListener} once connected.
 */
public final class NatsConnectionLogging implements ConnectionListener, ErrorListener {

    private static final Logger LOG = LoggerFactory.getLogger(NatsConnectionLogging.class);
    /** Distinct problems logged at WARN in one state; past it they go to DEBUG, so a storm stays bounded. */
    private static final int MAX_DISTINCT_PROBLEMS = 20;

    private enum State { NEW, CONNECTED, WITHOUT_SERVER, CLOSED }

    private State state = State.NEW;
    private boolean everConnected;
    /** When the state began; in NEW, when this listener was made, just before its connection's first attempt. */
    private long stateSince = System.nanoTime();
    private int failedAttempts;
    private @Nullable String lastProblem;
    /**
     * Whether the server rejected the current connect attempt with {@code -ERR} (such as
     * "Authorization Violation"): jnats then waits for its connection timeout and reports a plain
     * TimeoutException, which must not hide the server's reason.
     */
    private boolean serverRejectedAttempt;
    private @Nullable String server;
    private final Set<String> reported = new HashSet<>();

    private NatsConnectionLogging() {
    }

    /**
     * Returns a listener for one connection, to set as both its connection listener and its error listener.
     *
     * @return a new listener
     */
    public static NatsConnectionLogging of() {
        return new NatsConnectionLogging();
    }

    /**
     * Logs a change of the connection's state: connected, lost, reconnected, closed, lame-duck mode.
     *
     * @param connection the connection
     * @param type       what happened
     */
    @Override
    public synchronized void connectionEvent(Connection connection, Events type) {
        try {
            event(connection, type);
        } finally {
            serverRejectedAttempt = false;      // each event ends an attempt
        }
    }

    private void event(Connection connection, Events type) {
        switch (type) {
            case CONNECTED, RECONNECTED -> connected(connection);
            case DISCONNECTED -> disconnected(connection);
            case CLOSED -> closed(connection);
            case LAME_DUCK -> LOG.warn("{}: its server {} entered lame-duck mode and will shut down", name(connection),
                    server(connection));
            default -> LOG.debug("{}: {}", name(connection), type.getEvent());
        }
    }

    private void connected(Connection connection) {
        State before = state;
        if (before == State.CONNECTED) {
            return;
        }
        String url = mask(connection.getConnectedUrl());
        if (before == State.WITHOUT_SERVER) {
            LOG.info("{} {} {} after {} ms and {} failed attempt{}{}", name(connection),
                    everConnected ? "reconnected to" : "connected to", url, millisInState(), failedAttempts,
                    failedAttempts == 1 ? "" : "s", lastProblem == null ? "" : " (last: " + lastProblem + ")");
        } else {
            LOG.info("{} connected to {}", name(connection), url);
        }
        everConnected = true;
        server = url;
        enter(State.CONNECTED);
    }

    private void disconnected(Connection connection) {
        switch (state) {
            case CONNECTED -> {
                LOG.warn("{} lost {}: {}; reconnecting in the background (attempts are logged at DEBUG)",
                        name(connection), server(connection), lastProblemOr("no error reported"));
                enter(State.WITHOUT_SERVER);
            }
            case NEW -> {
                LOG.warn("{} cannot connect to {}: {}; any further attempts are logged at DEBUG", name(connection),
                        servers(connection), lastProblemOr("no error reported"));
                long tryingSince = stateSince;
                enter(State.WITHOUT_SERVER);
                stateSince = tryingSince;   // without a server since the first attempt
                failedAttempts = 1;
            }
            case WITHOUT_SERVER -> {
                failedAttempts++;
                LOG.debug("{}: attempt {} failed: {}", name(connection), failedAttempts, lastProblemOr("no error reported"));
            }
            case CLOSED -> LOG.debug("{}: disconnected after being closed", name(connection));
        }
    }

    private void closed(Connection connection) {
        switch (state) {
            case WITHOUT_SERVER -> LOG.warn("{} closed after {} ms without a server and {} failed attempt{}{}",
                    name(connection), millisInState(), failedAttempts, failedAttempts == 1 ? "" : "s",
                    lastProblem == null ? "" : " (last: " + lastProblem + ")");
            case CLOSED -> {
                return;
            }
            default -> LOG.info("{} closed", name(connection));
        }
        enter(State.CLOSED);
    }

    private void enter(State next) {
        state = next;
        stateSince = System.nanoTime();
        failedAttempts = 0;
        lastProblem = null;
        reported.clear();
    }

    /**
     * Logs an error the server reported ({@code -ERR}): at {@code WARN} once per text while connected.
     *
     * @param connection the connection
     * @param error      the server's text
     */
    @Override
    public synchronized void errorOccurred(Connection connection, String error) {
        problem(connection, "the server reported: " + error, false);
        serverRejectedAttempt = state != State.CONNECTED;
    }

    /**
     * Logs an exception of the client. A network failure belongs to the state change it causes and
     * is logged with it; others at {@code WARN} once per text while connected.
     *
     * @param connection the connection, or null when jnats could not create one
     * @param exception  the exception
     */
    @Override
    public synchronized void exceptionOccurred(@Nullable Connection connection, Exception exception) {
        String text = HealthResult.describe(exception);
        if (connection == null) {
            // Nats.connectAsynchronously reports here when no connection could be created at all.
            LOG.warn("a NATS connection could not be created: {}", Redactor.redact(text));
            return;
        }
        problem(connection, text, exception instanceof IOException);
    }

    /**
     * Logs a slow consumer (messages dropped) at {@code WARN}, once per subscription while connected.
     *
     * @param connection the connection
     * @param consumer   the subscription or dispatcher
     */
    @Override
    public synchronized void slowConsumerDetected(Connection connection, Consumer consumer) {
        String subject = consumer instanceof Subscription subscription ? " on " + subscription.getSubject() : "";
        problem(connection, "slow consumer" + subject + ": messages are being dropped", false);
    }

    /**
     * Logs a discarded message at {@code DEBUG}: it happens per message.
     *
     * @param connection the connection
     * @param message    the message
     */
    @Override
    public void messageDiscarded(Connection connection, Message message) {
        LOG.debug("{}: discarded a message on {}", name(connection), message.getSubject());
    }

    /**
     * Logs missed JetStream heartbeats at {@code WARN}, once per subscription while connected.
     *
     * @param connection           the connection
     * @param subscription         the subscription
     * @param lastStreamSequence   the last stream sequence received
     * @param lastConsumerSequence the last consumer sequence received
     */
    @Override
    public synchronized void heartbeatAlarm(Connection connection, JetStreamSubscription subscription,
            long lastStreamSequence, long lastConsumerSequence) {
        problem(connection, "JetStream subscription on " + subscription.getSubject() + " missed its heartbeats", false);
    }

    /**
     * Logs a status message no handler took at {@code WARN}, once per text while connected.
     *
     * @param connection   the connection
     * @param subscription the subscription
     * @param status       the status
     */
    @Override
    public synchronized void unhandledStatus(Connection connection, JetStreamSubscription subscription, Status status) {
        problem(connection, "unhandled status " + status.getMessageWithCode() + " on " + subscription.getSubject(), false);
    }

    /**
     * Logs a pull warning at {@code WARN}, once per text while connected.
     *
     * @param connection   the connection
     * @param subscription the subscription
     * @param status       the status
     */
    @Override
    public synchronized void pullStatusWarning(Connection connection, JetStreamSubscription subscription, Status status) {
        problem(connection, "pull warning " + status.getMessageWithCode() + " on " + subscription.getSubject(), false);
    }

    /**
     * Logs a pull error at {@code WARN}, once per text while connected.
     *
     * @param connection   the connection
     * @param subscription the subscription
     * @param status       the status
     */
    @Override
    public synchronized void pullStatusError(Connection connection, JetStreamSubscription subscription, Status status) {
        problem(connection, "pull error " + status.getMessageWithCode() + " on " + subscription.getSubject(), false);
    }

    /**
     * Logs flow control at {@code DEBUG}: it is routine.
     *
     * @param connection   the connection
     * @param subscription the subscription
     * @param subject      the flow control subject
     * @param source       what asked for it
     */
    @Override
    public void flowControlProcessed(Connection connection, JetStreamSubscription subscription, String subject,
            FlowControlSource source) {
        LOG.debug("{}: flow control ({}) on {}", name(connection), source, subscription.getSubject());
    }

    /**
     * Notes a socket write timeout; jnats drops the connection then, and the loss is logged with it.
     *
     * @param connection the connection
     */
    @Override
    public synchronized void socketWriteTimeout(Connection connection) {
        problem(connection, "socket write timed out", true);
    }

    private void problem(Connection connection, String text, boolean networkFailure) {
        String masked = Redactor.redact(text);
        if (!serverRejectedAttempt) {
            lastProblem = masked;
        }
        if (state != State.CONNECTED || networkFailure || reported.size() >= MAX_DISTINCT_PROBLEMS || !reported.add(masked)) {
            LOG.debug("{}: {}", name(connection), masked);
            return;
        }
        LOG.warn("{}: {}", name(connection), masked);
        if (reported.size() == MAX_DISTINCT_PROBLEMS) {
            LOG.warn("{}: {} distinct problems; further ones are logged at DEBUG until its state changes",
                    name(connection), MAX_DISTINCT_PROBLEMS);
        }
    }

    private String lastProblemOr(String otherwise) {
        return lastProblem == null ? otherwise : lastProblem;
    }

    private long millisInState() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stateSince);
    }

    private String server(Connection connection) {
        return server != null ? server : mask(connection.getConnectedUrl());
    }

    private static String servers(Connection connection) {
        String servers = String.join(", ", connection.getServers());
        return servers.isEmpty() ? "its servers" : mask(servers);
    }

    private static String name(Connection connection) {
        String name = connection.getOptions().getConnectionName();
        return name == null || name.isBlank() ? "NATS connection" : "NATS connection '" + Redactor.redact(name) + "'";
    }

    private static String mask(@Nullable String url) {
        return url == null ? "its server" : Objects.requireNonNull(Redactor.redact(url));
    }

    @Override
    public synchronized String toString() {
        return "NatsConnectionLogging[" + state + "]";
    }
}
