package io.healthmonitor.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Remembers since when a connection has been without a server. Shared between the check's
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

    /** Records what a probe saw and returns since when the connection has been down, or null when it is up. */
    @Nullable Instant observe(boolean connected) {
        if (connected) {
            since.set(null);
            return null;
        }
        Instant now = clock.instant();
        Instant earlier = since.compareAndExchange(null, now);
        return earlier == null ? now : earlier;
    }
}
