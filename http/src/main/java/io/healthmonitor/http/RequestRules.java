package io.healthmonitor.http;

import org.jspecify.annotations.Nullable;

/**
 * The request rules every read-only endpoint of the library applies the same way: GET and HEAD
 * only, and {@code Accept} headers that allow JSON (their quality values read: {@code q=0} refuses). For endpoints of your own on the same
 * {@link Endpoints}, so that they answer alike. Stateless and thread-safe.
 */
public final class RequestRules {

    /** The media type of the IETF health format (draft-inadarei-api-health-check). */
    public static final String HEALTH_JSON = "application/health+json";

    private RequestRules() {
    }

    /**
     * Refuses what a read-only JSON endpoint does not serve.
     *
     * @param request the request
     * @return a 405 (with {@code Allow: GET, HEAD}) or 406 response, or null when the request is acceptable
     */
    public static @Nullable EndpointResponse refuseUnlessReadableJson(EndpointRequest request) {
        EndpointResponse refused = refuseUnlessGetOrHead(request);
        if (refused != null) {
            return refused;
        }
        AcceptHeader accept = AcceptHeader.of(request.headers("Accept"));
        if (accept.quality(EndpointResponse.JSON) == 0 && accept.quality(HEALTH_JSON) == 0) {
            return EndpointResponse.error(406, "only application/json and application/health+json are served");
        }
        return null;
    }

    /**
     * Refuses methods other than GET and HEAD.
     *
     * @param request the request
     * @return a 405 response with {@code Allow: GET, HEAD}, or null for GET and HEAD
     */
    public static @Nullable EndpointResponse refuseUnlessGetOrHead(EndpointRequest request) {
        String method = request.method();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return null;
        }
        return EndpointResponse.error(405, "method not allowed").withHeader("Allow", "GET, HEAD");
    }

    /**
     * Returns whether the caller asked for the IETF format: by {@code ?format=ietf}, or by an
     * {@code Accept} that names {@code application/health+json} and gives it at least the quality
     * of {@code application/json} (a {@code q=0} refuses it; wildcards alone keep plain JSON).
     *
     * @param request the request
     * @return true for the IETF format
     */
    public static boolean wantsIetf(EndpointRequest request) {
        return request.hasQueryParameter("format", "ietf") || asksFor(request, HEALTH_JSON);
    }

    /**
     * Returns whether the caller asked for another representation than the JSON an endpoint serves
     * by default: its {@code Accept} names one of {@code mediaTypes} itself (not through a wildcard)
     * and gives it at least the quality of {@code application/json}, or refuses JSON ({@code q=0})
     * altogether. {@code application/rim+cbor;q=0} therefore asks for nothing, and wildcards alone
     * keep JSON.
     *
     * @param request    the request
     * @param mediaTypes the other representations, {@code type/subtype} in lower case
     * @return true when one of them should be served
     */
    public static boolean asksFor(EndpointRequest request, String... mediaTypes) {
        AcceptHeader accept = AcceptHeader.of(request.headers("Accept"));
        double json = accept.quality(EndpointResponse.JSON);
        for (String mediaType : mediaTypes) {
            if (json == 0 && accept.quality(mediaType) > 0 || accept.names(mediaType) && accept.quality(mediaType) >= json) {
                return true;
            }
        }
        return false;
    }
}
