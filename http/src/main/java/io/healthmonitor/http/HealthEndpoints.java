package io.healthmonitor.http;

import io.healthmonitor.CheckJsonCache;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthHistory;
import io.healthmonitor.HealthJson;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthStatus;
import java.util.Map;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The health endpoints of a {@link HealthMonitor}, for any server: put them in an {@link Endpoints}
 * router and serve that with a binding ({@link JdkHttpHandler}, {@link EndpointServlet}, ...).
 *
 * <table>
 *   <caption>Endpoints (GET and HEAD), under the router's base path</caption>
 *   <tr><th>path</th><th>answers</th></tr>
 *   <tr><td>{@code /health}</td><td>summary of every check</td></tr>
 *   <tr><td>{@code /health/live}, {@code /health/ready}, {@code /health/started}</td>
 *       <td>summary of the {@code liveness}, {@code readiness}, {@code startup} groups; also at
 *       {@code /livez}, {@code /readyz}, {@code /startupz} with {@link Builder#kubernetesAliases(boolean)}</td></tr>
 *   <tr><td>{@code /health/group/{name}}</td><td>summary of a group</td></tr>
 *   <tr><td>{@code /health/detailed}</td><td>the detailed report; details only for authorized callers</td></tr>
 *   <tr><td>{@code /health/history}</td><td>each check's status changes and response times, and the
 *       overall status over time ({@link HealthMonitor#history()}); only for authorized callers</td></tr>
 *   <tr><td>{@code /health/ui}</td><td>an HTML status page over {@code /health/detailed}, for browsers</td></tr>
 *   <tr><td>{@code /api/v1/health/checks/{name}}</td><td>one check; details only for authorized callers</td></tr>
 * </table>
 *
 * <p>Healthy and degraded answer 200, unhealthy 503, so {@code curl -f} fails exactly when the
 * service is down. Until every check has its first result, {@code /health}, readiness and start-up
 * answer 503 (not ready); liveness leaves checks without a result out. Summaries name checks only
 * for authorized callers. A detail request the {@link Authorizer} refuses gets 401 or 403, never
 * the details; a group nobody may know of answers like an empty group (200, healthy), so that a
 * stranger cannot tell which groups exist, while authorized callers get 404 for a group no check
 * carries. {@code Accept: application/health+json} or {@code ?format=ietf} selects the IETF format.
 *
 * <p>Immutable and thread-safe.
 */
public final class HealthEndpoints implements Endpoint {

    /** The base path of the health endpoints. */
    public static final String HEALTH_PATH = "/health";
    /** The largest {@code samples} a history request may ask for ({@code /health/history?samples=N}). */
    public static final int MAX_HISTORY_SAMPLES = 10_000;
    /** The path of the history endpoint. */
    public static final String HISTORY_PATH = "/health/history";
    /** The base path of the single-check endpoint. */
    public static final String CHECKS_PATH = "/api/v1/health/checks";

    private static final Map<String, String> STANDARD_GROUPS = Map.of(
            "/health/live", CheckRegistration.LIVENESS,
            "/health/ready", CheckRegistration.READINESS,
            "/health/started", CheckRegistration.STARTUP);
    private static final Map<String, String> KUBERNETES_ALIASES = Map.of(
            "/livez", CheckRegistration.LIVENESS,
            "/readyz", CheckRegistration.READINESS,
            "/startupz", CheckRegistration.STARTUP);
    private static final String GROUP_PATH = HEALTH_PATH + "/group/";
    private static final String CHECK_PATH = CHECKS_PATH + "/";
    private static final String NAME = "([A-Za-z0-9][A-Za-z0-9._:-]{0,127})";
    private static final Pattern GROUP = Pattern.compile(GROUP_PATH + NAME);
    private static final Pattern CHECK = Pattern.compile(CHECK_PATH + NAME);

    private final HealthMonitor monitor;
    private final Authorizer authorizer;
    /** The checks' JSON, rendered once per result rather than once per request. */
    private final CheckJsonCache checkJson = new CheckJsonCache();
    private final boolean kubernetesAliases;

    private HealthEndpoints(Builder builder) {
        this.monitor = builder.monitor;
        this.authorizer = builder.authorizer;
        this.kubernetesAliases = builder.kubernetesAliases;
    }

    /**
     * Starts building the endpoints of {@code monitor}.
     *
     * @param monitor the monitor to serve
     * @return a builder; the default authorizer is {@link Authorizer#never()} (summaries only)
     * @throws NullPointerException if {@code monitor} is null
     */
    public static Builder builder(HealthMonitor monitor) {
        return new Builder(monitor);
    }

    /**
     * Returns the HTTP status for a health status: 200 for healthy and degraded, 503 for unhealthy.
     *
     * @param status the health status
     * @return the HTTP status code
     */
    public static int statusCode(HealthStatus status) {
        return status == HealthStatus.UNHEALTHY ? 503 : 200;
    }

    @Override
    public @Nullable EndpointResponse handle(EndpointRequest request) {
        String path = request.path();
        String group = STANDARD_GROUPS.get(path);
        if (group == null && kubernetesAliases) {
            group = KUBERNETES_ALIASES.get(path);
        }
        Matcher custom = group == null ? matching(GROUP_PATH, GROUP, path) : null;
        Matcher check = group == null && custom == null ? matching(CHECK_PATH, CHECK, path) : null;
        boolean served = group != null || custom != null || check != null || path.equals(HEALTH_PATH)
                || path.equals(HEALTH_PATH + "/detailed") || path.equals(HEALTH_PATH + "/ui") || path.equals(HISTORY_PATH);
        if (!served) {
            return null;   // the router answers 404 when no endpoint serves the path
        }
        if (path.equals(HEALTH_PATH + "/ui")) {
            return StatusPage.respond(request);
        }
        EndpointResponse refused = RequestRules.refuseUnlessReadableJson(request);
        if (refused != null) {
            return refused;
        }
        boolean ietf = RequestRules.wantsIetf(request);
        if (path.equals(HEALTH_PATH)) {
            return summary(request, monitor.report(), ietf);
        }
        if (CheckRegistration.LIVENESS.equals(group)) {
            // A check without a first result says nothing about whether the process is alive.
            return summary(request, monitor.report(group).checkedOnly(), ietf);
        }
        if (group != null) {
            return summary(request, monitor.report(group), ietf);
        }
        if (custom != null) {
            String name = custom.group(1);
            if (!monitor.groups().contains(name) && authorizer.authorize(request) == Authorizer.Decision.GRANTED) {
                return EndpointResponse.error(404, "no such group");
            }
            return summary(request, monitor.report(name), ietf);
        }
        Authorizer.Decision decision = authorizer.authorize(request);
        if (decision != Authorizer.Decision.GRANTED) {
            return EndpointResponse.refused(decision);
        }
        if (path.equals(HISTORY_PATH)) {
            // A history is not a status: it answers 200 whatever the checks say now.
            List<String> samples = request.queryParameters("samples");
            HealthHistory history = monitor.history();
            if (!samples.isEmpty()) {
                int max = samples.size() == 1 ? historySamples(samples.get(0)) : -1;
                if (max < 0) {
                    return EndpointResponse.error(400, "samples must be given once, a number from 1 to " + MAX_HISTORY_SAMPLES);
                }
                history = history.withSamplesAtMost(max);
            }
            return EndpointResponse.of(200, HealthJson.JSON, HealthJson.history(history));
        }
        if (check != null) {
            Optional<CheckResult> result = monitor.check(check.group(1));
            if (result.isEmpty()) {
                return EndpointResponse.error(404, "no such check");
            }
            return EndpointResponse.of(statusCode(result.get().status()), HealthJson.JSON, checkJson.check(result.get()));
        }
        HealthReport report = monitor.report();
        byte[] body = ietf ? HealthJson.ietf(report, true) : checkJson.detailed(report);
        return EndpointResponse.of(statusCode(report.status()), ietf ? HealthJson.HEALTH_JSON : HealthJson.JSON, body);
    }

    /** The matcher of a path that matches {@code pattern}; null, without running it, for a path elsewhere. */
    private static @Nullable Matcher matching(String start, Pattern pattern, String path) {
        if (!path.startsWith(start)) {
            return null;
        }
        Matcher matcher = pattern.matcher(path);
        return matcher.matches() ? matcher : null;
    }

    private EndpointResponse summary(EndpointRequest request, HealthReport report, boolean ietf) {
        boolean details = authorizer.authorize(request) == Authorizer.Decision.GRANTED;
        byte[] body = ietf ? HealthJson.ietf(report, details) : HealthJson.summary(report, details);
        return EndpointResponse.of(statusCode(report.status()), ietf ? HealthJson.HEALTH_JSON : HealthJson.JSON, body);
    }

    /** A {@code samples} parameter from 1 to {@link #MAX_HISTORY_SAMPLES}, or -1. */
    private static int historySamples(String value) {
        if (value.isEmpty() || value.length() > 5 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int n = Integer.parseInt(value);
        return n >= 1 && n <= MAX_HISTORY_SAMPLES ? n : -1;
    }

    /** Builds {@link HealthEndpoints}; not thread-safe. */
    public static final class Builder {
        private final HealthMonitor monitor;
        private Authorizer authorizer = Authorizer.never();
        private boolean kubernetesAliases;

        private Builder(HealthMonitor monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
        }

        /**
         * Sets who may see details (default {@link Authorizer#never()}).
         *
         * @param value the authorizer
         * @return this builder
         */
        public Builder authorizer(Authorizer value) {
            this.authorizer = Objects.requireNonNull(value, "authorizer");
            return this;
        }

        /**
         * Also serves the liveness, readiness and start-up summaries at {@code /livez},
         * {@code /readyz} and {@code /startupz}, the paths Kubernetes components use (default off).
         *
         * @param value true to serve the aliases
         * @return this builder
         */
        public Builder kubernetesAliases(boolean value) {
            this.kubernetesAliases = value;
            return this;
        }

        /**
         * Builds the endpoints.
         *
         * @return immutable, thread-safe endpoints
         */
        public HealthEndpoints build() {
            return new HealthEndpoints(this);
        }
    }
}
