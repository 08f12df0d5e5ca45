package io.healthmonitor.http;

import org.jspecify.annotations.Nullable;

/**
 * Answers the requests of a set of paths: the health endpoints, the metrics scrape, the
 * certificate inventory, the CoRIM endpoints or your own. Endpoints are combined, put under a
 * base path and given common headers and error handling by {@link Endpoints}, which every
 * server binding serves.
 *
 * <p>Implementations must be thread-safe: bindings call them from many threads at once. They
 * answer {@code OPTIONS} without side effects, as HTTP requires of it: a router that shares its
 * paths with an application ({@link Endpoints#serve}) asks with an {@code OPTIONS} stand-in whether a
 * path whose query it cannot read is an endpoint's.
 */
@FunctionalInterface
public interface Endpoint {

    /**
     * Answers a request, or says it is not one of this endpoint's.
     *
     * @param request the request, its path relative to the router's base path
     * @return the response, or null when the path is not served here
     * @throws RuntimeException on a bug; the router answers 500 without detail and logs it
     */
    @Nullable EndpointResponse handle(EndpointRequest request);
}
