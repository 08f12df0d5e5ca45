package io.healthmonitor.spring;

import io.healthmonitor.http.Endpoint;
import io.healthmonitor.http.EndpointResponse;
import io.healthmonitor.http.Endpoints;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The application's {@link Endpoint} beans on paths outside the runbook's ({@code /metrics},
 * {@code /api/v1/certificates/expiring}, {@code /api/v1/corim/...}, its own): the filters hand such
 * a path to a router of these beans alone and pass the request on to the application unless one of
 * them answered it. An endpoint says a request is not its own by returning null, so one call both
 * serves and tells: no request is handled twice, and a request no endpoint took reaches the
 * application with its body unread. Immutable and thread-safe.
 */
final class ApplicationEndpoints {

    /** Set on the thread that runs the router while it runs: whether an endpoint took the request. */
    private static final ThreadLocal<Claim> CLAIMED = new ThreadLocal<>();

    private final String basePath;
    private final @Nullable Endpoints router;

    /**
     * @param basePath  the base path of the runbook endpoints, which these share
     * @param endpoints the application's endpoint beans, in order
     */
    ApplicationEndpoints(String basePath, List<Endpoint> endpoints) {
        this.basePath = basePath;
        if (endpoints.isEmpty()) {
            this.router = null;
        } else {
            Endpoints.Builder builder = Endpoints.builder().basePath(basePath);
            endpoints.forEach(endpoint -> builder.endpoint(tracked(endpoint)));
            this.router = builder.build();
        }
    }

    static ApplicationEndpoints none() {
        return new ApplicationEndpoints("", List.of());
    }

    /** Whether the application has no endpoint beans. */
    boolean isEmpty() {
        return router == null;
    }

    /** Whether a path outside the runbook's may be an endpoint bean's: there are some, and it is under the base path. */
    boolean mayServe(String path) {
        return router != null && (basePath.isEmpty() || path.equals(basePath) || path.startsWith(basePath + "/"));
    }

    /** The router of the endpoint beans, unless {@link #isEmpty()}. */
    Endpoints router() {
        if (router == null) {
            throw new IllegalStateException("the application has no endpoint beans");
        }
        return router;
    }

    /**
     * Starts tracking the request the router is about to run on this thread; close it on the same
     * thread once the router answered.
     */
    static Claim track() {
        Claim claim = new Claim();
        CLAIMED.set(claim);
        return claim;
    }

    /** Whether an endpoint took the request the router runs on this thread; false when none is tracked. */
    static boolean claimed() {
        Claim claim = CLAIMED.get();
        return claim != null && claim.claimed;
    }

    private static Endpoint tracked(Endpoint endpoint) {
        return request -> {
            EndpointResponse response;
            try {
                response = endpoint.handle(request);
            } catch (RuntimeException e) {
                claim();   // its request: the router answers 500, the application never sees it
                throw e;
            }
            if (response != null) {
                claim();
            }
            return response;
        };
    }

    private static void claim() {
        Claim claim = CLAIMED.get();
        if (claim != null) {
            claim.claimed = true;
        }
    }

    /** One tracked request, on one thread. */
    static final class Claim implements AutoCloseable {
        private boolean claimed;

        /** Whether an endpoint took the request. */
        boolean claimed() {
            return claimed;
        }

        @Override
        public void close() {
            CLAIMED.remove();
        }
    }
}
