package io.healthmonitor.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests to a list of {@link Endpoint}s under one base path, and gives every answer the
 * same rules: 404 for a path no endpoint serves and for every path that is not spelled canonically
 * (a trailing {@code /}, an empty segment {@code //}, a dot segment {@code .} or {@code ..}, or a
 * path parameter {@code ;...}: {@code /health/detailed/} is not {@code /health/detailed}, whatever
 * the server would make of it), 500 without detail (and a log line) when an
 * endpoint fails, and {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff}
 * on every response. Every server binding serves one router:
 *
 * <pre>{@code
 * Endpoints endpoints = Endpoints.builder()
 *         .basePath("/manage")                                         // /manage/health, /manage/metrics, ...
 *         .endpoint(HealthEndpoints.builder(monitor).authorizer(authorizer).kubernetesAliases(true).build())
 *         .endpoint(MetricsEndpoint.of(prometheus::scrape, authorizer))
 *         .build();
 * JdkHttpHandler.of(endpoints).mount(server);                              // or new EndpointServlet(endpoints)
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Endpoints {

    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);
    private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)*");

    private final String basePath;
    private final List<Endpoint> endpoints;

    private Endpoints(Builder builder) {
        this.basePath = builder.basePath;
        this.endpoints = List.copyOf(builder.endpoints);
    }

    /**
     * Starts a router.
     *
     * @return a builder with no base path and no endpoint
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a router of the given endpoints at the root.
     *
     * @param endpoints the endpoints, asked in order
     * @return the router
     */
    public static Endpoints of(Endpoint... endpoints) {
        Builder builder = builder();
        for (Endpoint endpoint : endpoints) {
            builder.endpoint(endpoint);
        }
        return builder.build();
    }

    /**
     * Returns the base path every endpoint is served under.
     *
     * @return the base path, empty for the root, else starting with {@code /} and not ending with it
     */
    public String basePath() {
        return basePath;
    }

    /**
     * Answers a request. Never throws and never returns null.
     *
     * @param request the request, with its full path
     * @return the response, with the common headers
     */
    public EndpointResponse handle(EndpointRequest request) {
        return Objects.requireNonNull(answer(request, true));
    }

    /**
     * Answers a request that one of the endpoints takes, as {@link #handle} does; returns null
     * where {@link #handle} would answer 404, so that a binding sharing its paths with an
     * application can pass the request on to it. Never throws.
     *
     * <p>A query with a malformed escape is refused (400, as by {@link #handle}) on the paths of the
     * endpoints, and passed on elsewhere. No endpoint sees such a query: whether the path is one's
     * own is asked with a stand-in of the request, {@code OPTIONS} (a method HTTP defines as safe)
     * without the query and the body, whose answer is never sent. An endpoint that answers it, with
     * 405 as the library's do, takes the path.
     *
     * @param request the request, with its full path
     * @return the response, with the common headers, or null when no endpoint answered
     */
    public @Nullable EndpointResponse serve(EndpointRequest request) {
        return answer(request, false);
    }

    private @Nullable EndpointResponse answer(EndpointRequest request, boolean refuseUnserved) {
        EndpointResponse response;
        if (request.hasMalformedQuery()) {
            // Refused here for every endpoint alike, so that none reads a parameter half-decoded.
            response = refuseUnserved || taken(request.withoutQueryOrBody("OPTIONS"))
                    ? EndpointResponse.error(400, "malformed query: a % is not followed by two hex digits") : null;
        } else {
            try {
                response = route(request);
            } catch (RuntimeException e) {
                LOG.error("endpoint failed on {} {}", request.method(), request.path(), e);
                response = EndpointResponse.error(500, "internal error");
            }
            if (response == null && refuseUnserved) {
                response = EndpointResponse.error(404, "not found");
            }
        }
        return response == null ? null : response.withHeaders("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff");
    }

    /**
     * Whether an endpoint takes {@code path} (as sent, with the base path), asked as {@link #serve}
     * asks: with an {@code OPTIONS} stand-in without query, headers or body, whose answer is never sent.
     */
    boolean takes(String path) {
        return taken(EndpointRequest.builder("OPTIONS", path).build());
    }

    /** Whether an endpoint takes the request's path: answers it, or fails on it (which {@link #handle} answers 500). */
    private boolean taken(EndpointRequest standIn) {
        try {
            return route(standIn) != null;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** The first endpoint's answer, or null when none serves the path or the path is not canonical. */
    private @Nullable EndpointResponse route(EndpointRequest request) {
        String path = request.path();
        if (!isCanonical(path)) {
            return null;
        }
        if (!basePath.isEmpty()) {
            if (!path.startsWith(basePath) || path.length() > basePath.length() && path.charAt(basePath.length()) != '/') {
                return null;
            }
            path = path.length() == basePath.length() ? "/" : path.substring(basePath.length());
            request = request.withPath(path);
        }
        for (Endpoint endpoint : endpoints) {
            EndpointResponse response = endpoint.handle(request);
            if (response != null) {
                return response;
            }
        }
        return null;
    }

    /**
     * Whether the router routes {@code path} (as sent, percent-encoded) at all: {@code /}, or
     * {@code /}-separated segments none of which is empty (no {@code //}, no trailing {@code /}), a dot
     * segment ({@code .} or {@code ..}, escaped or not) or carries a path parameter ({@code ;}). Any
     * other spelling of a path is not that path: serving it would let a caller pass a framework's
     * path rule written for the canonical path ({@code /health/detailed/} past a rule for
     * {@code /health/detailed}), and containers resolve these forms differently.
     */
    static boolean isCanonical(String path) {
        if (path.equals("/")) {
            return true;
        }
        if (!path.startsWith("/") || path.endsWith("/") || path.indexOf(';') >= 0) {
            return false;
        }
        for (int start = 1, end; start < path.length(); start = end + 1) {
            end = path.indexOf('/', start);
            end = end < 0 ? path.length() : end;
            if (end == start || isDotSegment(path.substring(start, end))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDotSegment(String segment) {
        String dots = segment.replace("%2e", ".").replace("%2E", ".");
        return dots.equals(".") || dots.equals("..");
    }

    /** Builds an {@link Endpoints} router; not thread-safe. */
    public static final class Builder {
        private String basePath = "";
        private final List<Endpoint> endpoints = new ArrayList<>();

        private Builder() {
        }

        /**
         * Serves every endpoint under a base path: {@code /manage} serves {@code /manage/health}.
         *
         * @param value the base path, empty or {@code /} for the root; a trailing {@code /} is ignored
         * @return this builder
         * @throws IllegalArgumentException if the path has other characters than letters, digits,
         *                                  {@code . _ ~ -} and {@code /} separators, or does not start with {@code /}
         */
        public Builder basePath(String value) {
            Objects.requireNonNull(value, "basePath");
            String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            if (!BASE_PATH.matcher(trimmed).matches()) {
                throw new IllegalArgumentException("base path must be empty or /segment[/segment...] of letters, digits"
                        + " and . _ ~ -, was '" + value + "'");
            }
            this.basePath = trimmed;
            return this;
        }

        /**
         * Adds an endpoint; endpoints are asked in the order they were added.
         *
         * @param value the endpoint
         * @return this builder
         */
        public Builder endpoint(Endpoint value) {
            endpoints.add(Objects.requireNonNull(value, "endpoint"));
            return this;
        }

        /**
         * Builds the router.
         *
         * @return an immutable, thread-safe router
         */
        public Endpoints build() {
            return new Endpoints(this);
        }
    }
}
