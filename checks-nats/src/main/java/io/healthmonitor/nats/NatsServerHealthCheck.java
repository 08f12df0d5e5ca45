package io.healthmonitor.nats;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.Redactor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Checks a NATS server itself through its HTTP monitoring endpoint ({@code -m <port>}), the way
 * {@code nats server check} does: {@code /healthz} (with {@code ?js-enabled-only=true} when
 * JetStream is required) and, optionally, {@code /varz} for the server's identity and load.
 *
 * <ul>
 *   <li>{@code /healthz} answers 200: healthy; any other status: unhealthy with the server's error;</li>
 *   <li>JetStream required but not enabled in {@code /varz}: unhealthy;</li>
 *   <li>endpoint unreachable or slower than the timeout: unhealthy.</li>
 * </ul>
 *
 * <p>Uses the JDK {@link HttpClient}; both requests share one budget ({@link Builder#timeout}), which
 * is also the connect timeout of the client the builder creates. Details: {@code serverStatus},
 * {@code serverId}, {@code serverName}, {@code serverVersion}, {@code connections},
 * {@code slowConsumers}, {@code memoryBytes}, {@code cpuPercent}, {@code uptimeSeconds},
 * {@code jetStreamEnabled}. Immutable and thread-safe.
 *
 * <pre>{@code
 * HealthCheck server = NatsServerHealthCheck.builder(URI.create("http://127.0.0.1:8222"))
 *     .jetStream(true)
 *     .build();
 * }</pre>
 */
public final class NatsServerHealthCheck implements HealthCheck {

    /** The default budget of one check: one second. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private final URI healthz;
    private final URI varz;
    private final boolean jetStream;
    private final boolean readVarz;
    private final Duration timeout;
    private final HttpClient client;
    private final String endpoint;

    private NatsServerHealthCheck(Builder builder) {
        String base = builder.url.toString().replaceAll("/+$", "");
        this.healthz = URI.create(base + (builder.jetStream ? "/healthz?js-enabled-only=true" : "/healthz"));
        this.varz = URI.create(base + "/varz");
        this.jetStream = builder.jetStream;
        this.readVarz = builder.varz || builder.jetStream;
        this.timeout = builder.timeout;
        this.client = builder.client != null ? builder.client
                : HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.endpoint = Redactor.redact(base);
    }

    /**
     * Returns a check of the monitoring endpoint at {@code url} with the defaults: {@code /healthz}
     * and {@code /varz}, JetStream not required, 1 s budget.
     *
     * @param url the monitoring endpoint's base URL, such as {@code http://127.0.0.1:8222}
     * @return the check
     * @throws NullPointerException     if {@code url} is null
     * @throws IllegalArgumentException if {@code url} is not an http or https URL, or has credentials, a query or a fragment
     */
    public static NatsServerHealthCheck of(URI url) {
        return builder(url).build();
    }

    /**
     * Starts building a check of the monitoring endpoint at {@code url}.
     *
     * @param url the monitoring endpoint's base URL, such as {@code http://127.0.0.1:8222}
     * @return a builder with the defaults
     * @throws NullPointerException     if {@code url} is null
     * @throws IllegalArgumentException if {@code url} is not an http or https URL, or has credentials, a query or a fragment
     */
    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /**
     * Asks the monitoring endpoint for {@code /healthz} and, when configured, {@code /varz}.
     *
     * @param context the invocation's deadline and clock
     * @return the result, never null
     * @throws InterruptedException if the thread is interrupted while waiting for an answer
     */
    @Override
    public HealthResult check(CheckContext context) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> details = new LinkedHashMap<>();
        HttpResponse<String> health;
        try {
            health = get(healthz, deadline);
        } catch (TimeoutException e) {
            return new HealthResult(HealthStatus.UNHEALTHY, "NATS monitoring endpoint " + endpoint
                    + " did not answer /healthz within " + timeout.toMillis() + " ms", details, null);
        } catch (IOException e) {
            return new HealthResult(HealthStatus.UNHEALTHY, "NATS monitoring endpoint " + endpoint
                    + " is unreachable: " + HealthResult.describe(e), details, e);
        }
        Map<String, Object> answer = parseOrEmpty(health.body());
        Object serverStatus = answer.getOrDefault("status", "unknown");
        details.put("serverStatus", serverStatus.toString());
        if (health.statusCode() != 200) {
            Object error = answer.getOrDefault("error", "HTTP " + health.statusCode());
            details.put("httpStatus", health.statusCode());
            return new HealthResult(HealthStatus.UNHEALTHY, "NATS server reports " + serverStatus + ": " + error,
                    details, null);
        }
        if (!readVarz) {
            return new HealthResult(HealthStatus.HEALTHY, null, details, null);
        }
        Map<String, Object> server;
        try {
            HttpResponse<String> response = get(varz, deadline);
            if (response.statusCode() != 200) {
                return new HealthResult(HealthStatus.UNHEALTHY, "NATS monitoring endpoint " + endpoint
                        + " answered /varz with HTTP " + response.statusCode(), details, null);
            }
            server = MonitoringJson.parse(response.body());
        } catch (TimeoutException e) {
            return new HealthResult(HealthStatus.UNHEALTHY, "NATS monitoring endpoint " + endpoint
                    + " did not answer /varz within " + timeout.toMillis() + " ms", details, null);
        } catch (IOException e) {
            return new HealthResult(HealthStatus.UNHEALTHY, "NATS monitoring endpoint " + endpoint
                    + " failed on /varz: " + HealthResult.describe(e), details, e);
        }
        copy(server, "server_id", details, "serverId");
        copy(server, "server_name", details, "serverName");
        copy(server, "version", details, "serverVersion");
        copy(server, "connections", details, "connections");
        copy(server, "slow_consumers", details, "slowConsumers");
        copy(server, "mem", details, "memoryBytes");
        copy(server, "cpu", details, "cpuPercent");
        Long uptime = uptimeSeconds(server);
        if (uptime != null) {
            details.put("uptimeSeconds", uptime);
        }
        boolean jetStreamEnabled = server.get("jetstream") instanceof Map<?, ?> js && js.get("config") instanceof Map;
        details.put("jetStreamEnabled", jetStreamEnabled);
        if (jetStream && !jetStreamEnabled) {
            return new HealthResult(HealthStatus.UNHEALTHY, "JetStream is not enabled on the NATS server", details, null);
        }
        return new HealthResult(HealthStatus.HEALTHY, null, details, null);
    }

    private HttpResponse<String> get(URI uri, long deadline) throws IOException, TimeoutException, InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutException();
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(left)).GET().build();
        // The request timeout covers the headers only; the bounded get() covers the body too.
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return answer.get(left, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw new TimeoutException();
            }
            throw cause instanceof IOException io ? io : new IOException(cause);
        } finally {
            answer.cancel(true);
        }
    }

    private static Map<String, Object> parseOrEmpty(String body) {
        try {
            return MonitoringJson.parse(body);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static void copy(Map<String, Object> from, String key, Map<String, Object> to, String as) {
        Object value = from.get(key);
        if (value != null) {
            to.put(as, value);
        }
    }

    private static @Nullable Long uptimeSeconds(Map<String, Object> server) {
        if (server.get("start") instanceof String start && server.get("now") instanceof String now) {
            try {
                return Duration.between(Instant.parse(start), Instant.parse(now)).toSeconds();
            } catch (DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "NatsServerHealthCheck[" + endpoint + ", jetStream=" + jetStream + ", timeout=" + timeout + "]";
    }

    /** Builds a {@link NatsServerHealthCheck}; not thread-safe. */
    public static final class Builder {
        private final URI url;
        private boolean jetStream;
        private boolean varz = true;
        private Duration timeout = DEFAULT_TIMEOUT;
        private @Nullable HttpClient client;

        private Builder(URI url) {
            Objects.requireNonNull(url, "url");
            if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
                throw new IllegalArgumentException("url must be an http or https URL");
            }
            if (url.getRawUserInfo() != null) {
                // The JDK client never sends them; an Authenticator on httpClient(..) does.
                throw new IllegalArgumentException("url must not contain credentials: pass httpClient(..) with an Authenticator");
            }
            if (url.getRawQuery() != null || url.getRawFragment() != null) {
                throw new IllegalArgumentException("url must be the endpoint's base URL, without query or fragment");
            }
            this.url = url;
        }

        /**
         * Sets whether JetStream must be enabled (default false): asks {@code /healthz?js-enabled-only=true}
         * and requires JetStream in {@code /varz}.
         *
         * @param value true to require JetStream
         * @return this builder
         */
        public Builder jetStream(boolean value) {
            this.jetStream = value;
            return this;
        }

        /**
         * Sets whether {@code /varz} is read for details (default true); JetStream requires it.
         *
         * @param value false to ask {@code /healthz} only
         * @return this builder
         */
        public Builder varz(boolean value) {
            this.varz = value;
            return this;
        }

        /**
         * Sets the budget of one check, shared by its requests and used as the connect timeout of
         * the client the builder creates (default 1 s).
         *
         * @param value the budget
         * @return this builder
         * @throws NullPointerException     if {@code value} is null
         * @throws IllegalArgumentException if {@code value} is not positive
         */
        public Builder timeout(Duration value) {
            Objects.requireNonNull(value, "timeout");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeout must be > 0");
            }
            this.timeout = value;
            return this;
        }

        /**
         * Sets the HTTP client to use, for proxies or TLS settings (default: a client of the check's
         * own with the timeout as connect timeout). Its own connect timeout then applies.
         *
         * @param value the client
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder httpClient(HttpClient value) {
            this.client = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /**
         * Builds the check.
         *
         * @return an immutable, thread-safe check
         */
        public NatsServerHealthCheck build() {
            return new NatsServerHealthCheck(this);
        }
    }
}
