package io.healthmonitor.fleet;

import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.Endpoint;
import io.healthmonitor.http.EndpointRequest;
import io.healthmonitor.http.EndpointResponse;
import io.healthmonitor.http.RequestRules;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /health/fleet}: the {@link FleetView} as JSON (see docs/fleet.md). Instance ids and
 * check names are details, so the endpoint answers only callers its {@link Authorizer} grants,
 * like {@code /health/detailed}, and 401 or 403 otherwise. GET and HEAD only (405 with
 * {@code Allow} else); the router adds {@code Cache-Control: no-store}. Answers 200 while the view
 * is live or syncing, and 503 while it cannot see NATS, so that {@code curl -f} fails on a blind
 * view rather than trust it.
 *
 * <p>{@code ?service=<name>} narrows the answer to one service, for fleets too large to read whole:
 * 404 when no instance of it is known, 400 for a name no publisher could use.
 *
 * <p>In a router, its place among the endpoints does not matter:
 *
 * <pre>{@code
 * Endpoints endpoints = Endpoints.builder()
 *         .endpoint(FleetEndpoint.of(view, authorizer))
 *         .endpoint(HealthEndpoints.builder(monitor).authorizer(authorizer).build())
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class FleetEndpoint implements Endpoint {

    /** The path of the fleet view. */
    public static final String PATH = "/health/fleet";

    private final FleetView view;
    private final Authorizer authorizer;

    private FleetEndpoint(FleetView view, Authorizer authorizer) {
        this.view = view;
        this.authorizer = authorizer;
    }

    /**
     * Returns the endpoint.
     *
     * @param view       the view to serve
     * @param authorizer who may see the fleet; the same as the health endpoints' details
     * @return the endpoint
     * @throws NullPointerException if an argument is null
     */
    public static FleetEndpoint of(FleetView view, Authorizer authorizer) {
        return new FleetEndpoint(Objects.requireNonNull(view, "view"), Objects.requireNonNull(authorizer, "authorizer"));
    }

    @Override
    public @Nullable EndpointResponse handle(EndpointRequest request) {
        String path = request.path();
        if (!PATH.equals(path) && !(PATH + "/").equals(path)) {
            return null;
        }
        EndpointResponse refused = RequestRules.refuseUnlessReadableJson(request);
        if (refused != null) {
            return refused;
        }
        Authorizer.Decision decision = authorizer.authorize(request);
        if (decision != Authorizer.Decision.GRANTED) {
            return EndpointResponse.refused(decision);
        }
        FleetSnapshot snapshot = view.snapshot();
        String service = request.queryParameter("service");
        if (service != null) {
            if (!FleetKeys.isService(service)) {
                return EndpointResponse.error(400, "service must be " + FleetKeys.SERVICE_RULE);
            }
            Optional<FleetService> one = snapshot.service(service);
            if (one.isEmpty()) {
                return EndpointResponse.error(404, "no instance of this service is known");
            }
            snapshot = new FleetSnapshot(snapshot.state(), snapshot.since(), snapshot.at(), snapshot.skippedEntries(),
                    List.of(one.get()));
        }
        int status = snapshot.state() == FleetSnapshot.State.DISCONNECTED ? 503 : 200;
        return EndpointResponse.of(status, EndpointResponse.JSON, FleetJson.write(snapshot));
    }
}
