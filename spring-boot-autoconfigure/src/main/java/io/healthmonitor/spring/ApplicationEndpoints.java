package io.healthmonitor.spring;

import io.healthmonitor.http.Endpoint;
import io.healthmonitor.http.Endpoints;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The application's {@link Endpoint} beans on paths outside the runbook's ({@code /metrics},
 * {@code /api/v1/certificates/expiring}, {@code /api/v1/corim/...}, its own): the filters ask a
 * router of these beans alone ({@link Endpoints#serve}) and pass the request on to the application
 * when none of them answered it. An endpoint says a request is not its own by returning null, so
 * one call both serves and tells: no request is handled twice. Immutable and thread-safe.
 */
final class ApplicationEndpoints {

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
            endpoints.forEach(builder::endpoint);
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
}
