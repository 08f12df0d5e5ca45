package io.healthmonitor.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code /metrics}: a Prometheus scrape, for users of healthmonitor-micrometer (or of any registry
 * that renders the text format), without a dependency on either:
 *
 * <pre>{@code
 * PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * Endpoint metrics = MetricsEndpoint.of(prometheus::scrape, Authorizer.bearerToken(token));
 * }</pre>
 *
 * <p>The scrape names checks, TLS endpoints, certificate subjects and pools, which
 * docs/security.md counts as details, so the endpoint takes an {@link Authorizer} and refuses
 * (401/403) whom it does not grant; Prometheus sends a bearer token with
 * {@code authorization: {credentials: ...}} in its scrape config. GET and HEAD only.
 * Immutable and thread-safe.
 */
public final class MetricsEndpoint implements Endpoint {

    /** The path of the scrape. */
    public static final String PATH = "/metrics";
    /** The media type of the Prometheus text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<String> scrape;
    private final Authorizer authorizer;

    private MetricsEndpoint(Supplier<String> scrape, Authorizer authorizer) {
        this.scrape = scrape;
        this.authorizer = authorizer;
    }

    /**
     * Returns the endpoint.
     *
     * @param scrape     renders the registry in the Prometheus text format, such as {@code prometheus::scrape}
     * @param authorizer who may scrape; {@link Authorizer#always()} only where the port is private
     * @return the endpoint
     * @throws NullPointerException if an argument is null
     */
    public static MetricsEndpoint of(Supplier<String> scrape, Authorizer authorizer) {
        return new MetricsEndpoint(Objects.requireNonNull(scrape, "scrape"), Objects.requireNonNull(authorizer, "authorizer"));
    }

    @Override
    public @Nullable EndpointResponse handle(EndpointRequest request) {
        if (!PATH.equals(request.path())) {
            return null;
        }
        EndpointResponse refused = RequestRules.refuseUnlessGetOrHead(request);
        if (refused != null) {
            return refused;
        }
        Authorizer.Decision decision = authorizer.authorize(request);
        if (decision != Authorizer.Decision.GRANTED) {
            return EndpointResponse.refused(decision, "metrics");
        }
        return EndpointResponse.of(200, CONTENT_TYPE, scrape.get().getBytes(StandardCharsets.UTF_8));
    }
}
