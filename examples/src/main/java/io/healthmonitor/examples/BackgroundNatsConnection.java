package io.healthmonitor.examples;

import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthListener;
import io.healthmonitor.HealthResult;
import io.healthmonitor.Redactor;
import io.healthmonitor.nats.NatsConnectionHealthCheck;
import io.healthmonitor.nats.NatsConnectionLogging;
import io.healthmonitor.nats.NatsHealthEventPublisher;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's NATS connection, made in the background so that NATS, up or down, never stops or
 * delays the service from serving its health endpoints.
 *
 * <p>{@link Nats#connectAsynchronously(Options, boolean)} with reconnect-on-connect tries on a
 * jnats thread for as long as it takes and hands the connection to this listener with its first
 * event. Until the connection has connected once, {@link #check()} reports unhealthy ("not
 * connected to NATS ..."; "... the client gave up and closed the connection (last error: ...)" once
 * jnats has closed it, as it does when the server refuses the credentials twice); only its first invocation, the start-up one, waits for the connect
 * within its deadline, so that a connect merely in progress at start-up is not reported as a
 * failure, and no later report waits for a NATS that does not answer. From the first connect on a
 * {@link NatsConnectionHealthCheck} on it reports, with
 * its grace period for later outages, and {@link #events()} publishes status changes to NATS.
 * The client's errors and state changes are logged once per change by {@link NatsConnectionLogging}.
 */
final class BackgroundNatsConnection implements ConnectionListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundNatsConnection.class);

    private final NatsConnectionLogging logging = NatsConnectionLogging.of();
    private final String service;
    private final String maskedUrl;
    private final Consumer<Connection> onConnected;
    /** The connection jnats made, known from its first event on. */
    private final AtomicReference<Connection> connection = new AtomicReference<>();
    /** The check and the publisher, from the first successful connect on. */
    private final AtomicReference<Connected> connected = new AtomicReference<>();
    private final CountDownLatch connectedOnce = new CountDownLatch(1);
    /** Only the first invocation waits for the first connect. */
    private final AtomicBoolean firstInvocation = new AtomicBoolean(true);
    private volatile boolean closed;

    private record Connected(NatsConnectionHealthCheck check, NatsHealthEventPublisher events) {
    }

    private BackgroundNatsConnection(String service, String maskedUrl, Consumer<Connection> onConnected) {
        this.service = service;
        this.maskedUrl = maskedUrl;
        this.onConnected = onConnected;
    }

    /**
     * Starts connecting to {@code url} in the background and returns at once.
     *
     * @param url     the NATS URL, credentials allowed
     * @param service the connection's name and the events' service name
     * @param onConnected called once with the connection when it first connects, on a jnats thread
     * @return the connection in the making
     * @throws IllegalArgumentException if {@code url} is not a NATS URL (the message never repeats it)
     * @throws InterruptedException     if interrupted while starting jnats' connect thread
     */
    static BackgroundNatsConnection start(String url, String service, Consumer<Connection> onConnected)
            throws InterruptedException {
        BackgroundNatsConnection nats = new BackgroundNatsConnection(service, String.valueOf(Redactor.redact(url)), onConnected);
        Options options;
        try {
            options = new Options.Builder().server(url).connectionName(service).maxReconnects(-1)
                    .connectionTimeout(Duration.ofSeconds(2))
                    .connectionListener(nats).errorListener(nats.logging).build();
        } catch (IllegalArgumentException e) {
            // jnats' message and cause quote the URL, password included.
            throw new IllegalArgumentException("NATS_URL is not a NATS URL such as nats://host:4222");
        }
        Nats.connectAsynchronously(options, true);
        return nats;
    }

    /**
     * Returns the {@code nats} check: unhealthy until the first connect, then the connection's own check.
     *
     * @return the check
     */
    HealthCheck check() {
        return context -> {
            Connected now = connected.get();
            if (now == null) {
                String waited = "";
                if (firstInvocation.compareAndSet(true, false)) {
                    long start = System.nanoTime();
                    connectedOnce.await(context.clientTimeout().toNanos(), TimeUnit.NANOSECONDS);
                    waited = " within " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms";
                }
                now = connected.get();
                if (now == null) {
                    Connection made = connection.get();
                    if (made != null && made.getStatus() == Connection.Status.CLOSED) {
                        // jnats gave up (it closes after the server refused the same credentials twice):
                        // nothing is connecting any more, and the server's reason says what to fix.
                        String reason = Redactor.redact(made.getLastError());
                        return HealthResult.unhealthy("not connected to NATS at " + maskedUrl + waited
                                + ": the client gave up and closed the connection"
                                + (reason == null || reason.isBlank() ? "" : " (last error: " + reason + ")")
                                + "; restart the service to try again")
                                .withDetail("connectionStatus", Connection.Status.CLOSED.name());
                    }
                    HealthResult waiting = HealthResult.unhealthy("not connected to NATS at " + maskedUrl
                            + waited + ": connecting in the background");
                    return made == null ? waiting : waiting.withDetail("connectionStatus", made.getStatus().name());
                }
            }
            return now.check().check(context);
        };
    }

    /**
     * Returns the listener that publishes status changes to NATS once connected; earlier ones are dropped.
     *
     * @return the listener
     */
    HealthListener events() {
        return change -> {
            Connected now = connected.get();
            if (now != null) {
                now.events().onStatusChange(change);
            }
        };
    }

    @Override
    public void connectionEvent(Connection source, Events type) {
        logging.connectionEvent(source, type);
        if (connection.compareAndSet(null, source) && closed) {
            // Closed before jnats handed the connection over: close it, off jnats' callback thread,
            // whose close() waits for the callbacks to finish.
            Thread closer = new Thread(() -> closeQuietly(source), "demo-nats-close");
            closer.setDaemon(true);
            closer.start();
            return;
        }
        if ((type == Events.CONNECTED || type == Events.RECONNECTED) && connected.get() == null && !closed) {
            if (connected.compareAndSet(null, new Connected(NatsConnectionHealthCheck.of(source),
                    NatsHealthEventPublisher.builder(source, service).build()))) {
                onConnected.accept(source);
            }
            connectedOnce.countDown();
        } else if (type == Events.CLOSED) {
            connectedOnce.countDown();          // the start-up invocation stops waiting for a connect that will not come
        }
    }

    /** Stops connecting, or closes the connection. */
    @Override
    public void close() {
        closed = true;
        Connection made = connection.get();
        if (made != null) {
            closeQuietly(made);
        }
    }

    private static void closeQuietly(Connection made) {
        try {
            made.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("closing the NATS connection: {}", Redactor.redact(e.toString()));
        }
    }
}
