package io.healthmonitor.examples.springboot;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.Redactor;
import io.healthmonitor.nats.NatsConnectionHealthCheck;
import io.healthmonitor.nats.NatsConnectionLogging;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's {@code nats} check on a connection made in the background, so that NATS, up or down,
 * never stops the application from starting (a {@code Connection} bean would have to connect
 * first). Until the first connect it reports unhealthy; only its first invocation, the start-up
 * one, waits for the connect within its deadline, so that no later report waits for a NATS that
 * does not answer. From then on the connection's own
 * {@link NatsConnectionHealthCheck}. jnats' errors are logged once per change, not per attempt.
 */
final class BackgroundNatsCheck implements HealthCheck, AutoCloseable {

    private final NatsConnectionLogging logging = NatsConnectionLogging.of();
    private final String maskedUrl;
    private final AtomicReference<Connection> connection = new AtomicReference<>();
    private final AtomicReference<HealthCheck> connected = new AtomicReference<>();
    private final CountDownLatch connectedOnce = new CountDownLatch(1);
    private final AtomicBoolean firstInvocation = new AtomicBoolean(true);

    private BackgroundNatsCheck(String maskedUrl) {
        this.maskedUrl = maskedUrl;
    }

    /**
     * Starts connecting and returns at once.
     *
     * @throws IllegalArgumentException if {@code url} is not a NATS URL (the message never repeats it)
     */
    static BackgroundNatsCheck connect(String url) throws InterruptedException {
        BackgroundNatsCheck check = new BackgroundNatsCheck(String.valueOf(Redactor.redact(url)));
        Options options;
        try {
            options = Options.builder().server(url).connectionName("spring-boot-demo").maxReconnects(-1)
                    .connectionTimeout(Duration.ofSeconds(2)).connectionListener(check::connectionEvent)
                    .errorListener(check.logging).build();
        } catch (IllegalArgumentException e) {
            // jnats' message quotes the URL, password included.
            throw new IllegalArgumentException("NATS_URL is not a NATS URL such as nats://host:4222");
        }
        Nats.connectAsynchronously(options, true);
        return check;
    }

    private void connectionEvent(Connection source, ConnectionListener.Events type) {
        logging.connectionEvent(source, type);
        connection.compareAndSet(null, source);
        if (type == ConnectionListener.Events.CONNECTED || type == ConnectionListener.Events.RECONNECTED) {
            connected.compareAndSet(null, NatsConnectionHealthCheck.of(source));
            connectedOnce.countDown();
        }
    }

    @Override
    public HealthResult check(CheckContext context) throws Exception {
        if (connected.get() == null && firstInvocation.compareAndSet(true, false)) {
            // A connect in progress at start-up is not a failure: wait for it within the deadline.
            connectedOnce.await(context.clientTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        HealthCheck now = connected.get();
        return now != null ? now.check(context)
                : HealthResult.unhealthy("not connected to NATS at " + maskedUrl + " yet: connecting in the background");
    }

    @Override
    public void close() {
        Connection made = connection.get();
        if (made != null) {
            try {
                made.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
