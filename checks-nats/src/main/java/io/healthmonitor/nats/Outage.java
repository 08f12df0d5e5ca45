package io.healthmonitor.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Remembers since when a connection has been without a server: since the first probe the server did
 * not answer, or since jnats noticed the connection lost, whichever came first. Shared between the check's
 * invocations and jnats' event thread, so it owns the one piece of mutable state.
 */
final class Outage implements ConnectionListener {

    private final InstantSource clock;
    private final AtomicReference<@Nullable Instant> since = new AtomicReference<>();

    Outage(InstantSource clock) {
        this.clock = clock;
    }

    /** Events start the outage as soon as jnats notices it, not only when the next probe does. */
    @Override
    public void connectionEvent(Connection connection, Events type) {
        switch (type) {
            case DISCONNECTED, CLOSED -> since.compareAndSet(null, clock.instant());
            case CONNECTED, RECONNECTED -> since.set(null);
            default -> {
                // Other events say nothing about whether a server is reachable.
            }
        }
    }

    /** A probe got its answer from the server: no outage. */
    void answered() {
        since.set(null);
    }

    /**
     * A probe found the connection up but the server not answering: the outage starts now, so that
     * the grace period of the disconnect jnats declares seconds later counts from here. Counted from
     * the disconnect, the check went from unhealthy ("no PONG") back to degraded, and its log said
     * "recovered", while the server was still gone.
     */
    void unanswered() {
        since.compareAndSet(null, clock.instant());
    }

    /** A probe found the connection down: returns since when it has been down. */
    Instant down() {
        Instant now = clock.instant();
        Instant earlier = since.compareAndExchange(null, now);
        return earlier == null ? now : earlier;
    }
}
