package io.healthmonitor.examples;

import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthListener;
import io.healthmonitor.StatusChange;
import io.healthmonitor.fleet.FleetEndpoint;
import io.healthmonitor.fleet.FleetPublisher;
import io.healthmonitor.fleet.FleetView;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.Endpoint;
import io.healthmonitor.http.EndpointRequest;
import io.healthmonitor.http.EndpointResponse;
import io.nats.client.Connection;
import java.io.IOException;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * The demo's fleet wiring: once the background NATS connection is up, publishes this instance's
 * summary into the fleet bucket and serves {@code /health/fleet} from a view of it. Until then the
 * endpoint answers 503 (to authorized callers), never an empty "healthy" fleet. The instance id is
 * {@code INSTANCE_ID}, else the host name and the HTTP port. Thread-safe: the connection arrives on
 * a jnats thread.
 */
final class DemoFleet implements HealthListener, Endpoint, AutoCloseable {

    private final String service;
    private final String instance;
    private final Authorizer authorizer;
    private @Nullable HealthMonitor monitor;
    private @Nullable FleetPublisher publisher;
    private @Nullable FleetView view;
    private @Nullable FleetEndpoint endpoint;
    private boolean closed;

    DemoFleet(@Nullable String configured, String service, int port, Authorizer authorizer) {
        String token = FleetPublisher.sanitizedInstance(service).replace('.', '_');   // a key token: no dot
        this.service = token.length() > 64 ? token.substring(0, 64) : token;
        this.instance = configured == null ? FleetPublisher.sanitizedInstance(hostName() + "-" + port)
                : FleetPublisher.validInstance(configured);   // a bad INSTANCE_ID fails the start, not a jnats thread
        this.authorizer = authorizer;
    }

    /** Called once the monitor is built. */
    synchronized void monitor(HealthMonitor value) {
        this.monitor = value;
        startIfReady();
    }

    /** Called on the first connect, on a jnats thread. */
    synchronized void connected(Connection connection) {
        if (closed || publisher != null) {
            return;
        }
        publisher = FleetPublisher.builder(connection, service).instance(instance).build();
        view = FleetView.builder(connection).build().start();
        endpoint = FleetEndpoint.of(view, authorizer);
        startIfReady();
    }

    private void startIfReady() {
        if (monitor != null && publisher != null) {
            publisher.start(monitor::report);
        }
    }

    @Override
    public void onStatusChange(StatusChange change) {
        FleetPublisher current;
        synchronized (this) {
            current = publisher;
        }
        if (current != null) {
            current.onStatusChange(change);
        }
    }

    @Override
    public @Nullable EndpointResponse handle(EndpointRequest request) {
        FleetEndpoint current;
        synchronized (this) {
            current = endpoint;
        }
        if (current != null) {
            return current.handle(request);
        }
        if (!FleetEndpoint.PATH.equals(request.path())) {
            return null;
        }
        Authorizer.Decision decision = authorizer.authorize(request);
        return decision == Authorizer.Decision.GRANTED ? EndpointResponse.error(503, "not connected to NATS yet")
                : EndpointResponse.refused(decision);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (publisher != null) {
            publisher.close();
        }
        if (view != null) {
            view.close();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
