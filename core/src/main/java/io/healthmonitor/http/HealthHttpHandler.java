package io.healthmonitor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthJson;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthStatus;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link HealthMonitor} over the JDK's built-in {@link HttpServer}, no servlet container needed.
 *
 * <table>
 *   <caption>Endpoints (GET and HEAD)</caption>
 *   <tr><th>path</th><th>answers</th></tr>
 *   <tr><td>{@code /health}</td><td>summary of every check</td></tr>
 *   <tr><td>{@code /health/live}, {@code /health/ready}, {@code /health/started}</td>
 *       <td>summary of the {@code liveness}, {@code readiness}, {@code startup} groups</td></tr>
 *   <tr><td>{@code /health/group/{name}}</td><td>summary of a group; 404 when no check carries the tag</td></tr>
 *   <tr><td>{@code /health/detailed}</td><td>the detailed report; details only for authorized callers</td></tr>
 *   <tr><td>{@code /health/ui}</td><td>an HTML status page over {@code /health/detailed}, for browsers</td></tr>
 *   <tr><td>{@code /api/v1/health/checks/{name}}</td><td>one check; details only for authorized callers</td></tr>
 * </table>
 *
 * <p>Healthy and degraded answer 200, unhealthy 503, so {@code curl -f} fails exactly when the
 * service is down. Until every check has its first result, {@code /health}, readiness and start-up
 * answer 503 (not ready); liveness leaves checks without a result out. Summaries show check names and statuses only to authorized callers. A detail
 * request the {@link Authorizer} refuses gets 401 or 403 with a JSON error, never the details.
 * {@code Accept: application/health+json} or {@code ?format=ietf} selects the IETF format.
 * Every answer has {@code Cache-Control: no-store}; no stack trace ever leaves the process.
 *
 * <p>Immutable and thread-safe. Give the {@code HttpServer} an executor with a few threads, so
 * that requests are served in parallel: each waits for its report at most the checks' deadline.
 */
public final class HealthHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HealthHttpHandler.class);

    /** The base path of the health endpoints. */
    public static final String HEALTH_PATH = "/health";
    /** The base path of the single-check endpoint. */
    public static final String CHECKS_PATH = "/api/v1/health/checks";

    private static final Map<String, String> STANDARD_GROUPS = Map.of(
            "live", CheckRegistration.LIVENESS,
            "ready", CheckRegistration.READINESS,
            "started", CheckRegistration.STARTUP);
    private static final Pattern GROUP = Pattern.compile("/health/group/([A-Za-z0-9][A-Za-z0-9._:-]{0,127})");
    private static final Pattern CHECK = Pattern.compile("/api/v1/health/checks/([A-Za-z0-9][A-Za-z0-9._:-]{0,127})");

    private final HealthMonitor monitor;
    private final Authorizer authorizer;

    private HealthHttpHandler(Builder builder) {
        this.monitor = builder.monitor;
        this.authorizer = builder.authorizer;
    }

    /**
     * Starts building a handler for {@code monitor}.
     *
     * @param monitor the monitor to serve
     * @return a builder; the default authorizer is {@link Authorizer#never()} (summaries only)
     */
    public static Builder builder(HealthMonitor monitor) {
        return new Builder(monitor);
    }

    /**
     * Mounts this handler on {@code server} at {@link #HEALTH_PATH} and {@link #CHECKS_PATH}.
     *
     * @param server the server
     * @return this handler
     */
    public HealthHttpHandler mount(HttpServer server) {
        Objects.requireNonNull(server, "server");
        server.createContext(HEALTH_PATH, this);
        server.createContext(CHECKS_PATH, this);
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpResponses.Response response;
            try {
                response = respond(exchange);
            } catch (RuntimeException e) {
                LOG.error("health endpoint failed on {}", exchange.getRequestURI().getPath(), e);
                response = HttpResponses.error(500, "internal error");
            }
            HttpResponses.send(exchange, response);
        }
    }

    private HttpResponses.Response respond(HttpExchange exchange) {
        if (StatusPage.serves(exchange)) {
            return StatusPage.respond(exchange);
        }
        Optional<HttpResponses.Response> refused = HttpResponses.refuseMethodOrMediaType(exchange);
        if (refused.isPresent()) {
            return refused.get();
        }
        String path = exchange.getRequestURI().getPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        boolean ietf = HttpResponses.wantsIetf(exchange);
        if (path.equals(HEALTH_PATH)) {
            return summary(exchange, monitor.report(), ietf);
        }
        if (path.equals(HEALTH_PATH + "/detailed")) {
            Authorizer.Decision decision = authorizer.authorize(exchange);
            if (decision != Authorizer.Decision.GRANTED) {
                return HttpResponses.refused(decision);
            }
            HealthReport report = monitor.report();
            byte[] body = ietf ? HealthJson.ietf(report, true) : HealthJson.detailed(report);
            return new HttpResponses.Response(statusCode(report.status()), ietf ? HealthJson.HEALTH_JSON : HealthJson.JSON, body);
        }
        if (path.startsWith(HEALTH_PATH + "/")) {
            String group = STANDARD_GROUPS.get(path.substring(HEALTH_PATH.length() + 1));
            if (CheckRegistration.LIVENESS.equals(group)) {
                // A check without a first result says nothing about whether the process is alive.
                return summary(exchange, monitor.report(group).checkedOnly(), ietf);
            }
            if (group != null) {
                return summary(exchange, monitor.report(group), ietf);
            }
            Matcher matcher = GROUP.matcher(path);
            if (matcher.matches() && monitor.groups().contains(matcher.group(1))) {
                return summary(exchange, monitor.report(matcher.group(1)), ietf);
            }
            return HttpResponses.error(404, matcher.matches() ? "no such group" : "not found");
        }
        Matcher check = CHECK.matcher(path);
        if (check.matches()) {
            Authorizer.Decision decision = authorizer.authorize(exchange);
            if (decision != Authorizer.Decision.GRANTED) {
                return HttpResponses.refused(decision);
            }
            Optional<CheckResult> result = monitor.check(check.group(1));
            if (result.isEmpty()) {
                return HttpResponses.error(404, "no such check");
            }
            return new HttpResponses.Response(statusCode(result.get().status()), HealthJson.JSON,
                    HealthJson.check(result.get()));
        }
        return HttpResponses.error(404, "not found");
    }

    private HttpResponses.Response summary(HttpExchange exchange, HealthReport report, boolean ietf) {
        boolean details = authorizer.authorize(exchange) == Authorizer.Decision.GRANTED;
        byte[] body = ietf ? HealthJson.ietf(report, details) : HealthJson.summary(report, details);
        return new HttpResponses.Response(statusCode(report.status()), ietf ? HealthJson.HEALTH_JSON : HealthJson.JSON, body);
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

    /** Builds a {@link HealthHttpHandler}; not thread-safe. */
    public static final class Builder {
        private final HealthMonitor monitor;
        private Authorizer authorizer = Authorizer.never();

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
         * Builds the handler.
         *
         * @return an immutable, thread-safe handler
         */
        public HealthHttpHandler build() {
            return new HealthHttpHandler(this);
        }
    }
}
