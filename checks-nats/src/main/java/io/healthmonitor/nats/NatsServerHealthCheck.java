package io.healthmonitor.nats;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.Redactor;
import io.healthmonitor.internal.LimitedBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
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
 *   <li>endpoint unreachable, or no answer before the deadline: unhealthy.</li>
 * </ul>
 *
 * <p>Uses the JDK {@link HttpClient}. The requests go one after the other within the invocation's
 * deadline: each waits (connecting included) at most for what is left of the context's
 * {@linkplain CheckContext#clientTimeout() client timeout} when it starts. There is no timeout
 * option of its own: set the registration's timeout. Details: {@code serverStatus},
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

    /** {@link CheckContext#clientTimeout()} never goes below 1 ms: at that floor no time is left for a request. */
    private static final Duration NO_TIME = Duration.ofMillis(1);

    /**
     * The most of a {@code /healthz} or {@code /varz} body that is read: a few KiB in practice, and a
     * broken or hostile endpoint that sends an endless body costs no more memory than this.
     */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final URI healthz;
    private final URI varz;
    private final boolean jetStream;
    private final boolean readVarz;
    private final HttpClient client;
    private final String endpoint;

    private NatsServerHealthCheck(Builder builder) {
        String base = builder.url.toString().replaceAll("/+$", "");
        this.healthz = URI.create(base + (builder.jetStream ? "/healthz?js-enabled-only=true" : "/healthz"));
        this.varz = URI.create(base + "/varz");
        this.jetStream = builder.jetStream;
        this.readVarz = builder.varz || builder.jetStream;
        // No connect timeout of the client's own: each request's timeout covers connecting too.
        this.client = builder.client != null ? builder.client
                : HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        this.endpoint = Redactor.redact(base);
    }

    /**
     * Returns a check of the monitoring endpoint at {@code url} with the defaults: {@code /healthz}
     * and {@code /varz}, JetStream not required.
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
     * Asks the monitoring endpoint for {@code /healthz} and, when configured, {@code /varz}, each
     * request bounded by what is left of the context's client timeout.
     *
     * @param context the invocation's deadline and clock
     * @return the result, never null
     * @throws InterruptedException if the thread is interrupted while waiting for an answer
     */
    @Override
    public HealthResult check(CheckContext context) throws InterruptedException {
        Map<String, Object> details = new LinkedHashMap<>();
        long started = System.nanoTime();
        Answer health;
        try {
            health = get(healthz, context);
        } catch (Unanswered e) {
            return new HealthResult(HealthStatus.UNHEALTHY, "NATS monitoring endpoint " + endpoint
                    + " did not answer /healthz within " + e.millis + " ms", details, null);
        } catch (TooLarge e) {
            return new HealthResult(HealthStatus.UNHEALTHY, "NATS monitoring endpoint " + endpoint
                    + " answered /healthz with a body larger than " + MAX_BODY_BYTES + " bytes", details, null);
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
        if (context.clientTimeout().compareTo(NO_TIME) <= 0) {
            return new HealthResult(HealthStatus.UNHEALTHY, "NATS monitoring endpoint " + endpoint
                    + " left no time to ask /varz: /healthz took " + millisSince(started) + " ms of the "
                    + context.timeout().toMillis() + " ms deadline", details, null);
        }
        Map<String, Object> server;
        try {
            Answer response = get(varz, context);
            if (response.statusCode() != 200) {
                return new HealthResult(HealthStatus.UNHEALTHY, "NATS monitoring endpoint " + endpoint
                        + " answered /varz with HTTP " + response.statusCode(), details, null);
            }
            server = MonitoringJson.parse(response.body());
        } catch (Unanswered e) {
            return new HealthResult(HealthStatus.UNHEALTHY, "NATS monitoring endpoint " + endpoint
                    + " did not answer /varz within " + e.millis + " ms", details, null);
        } catch (TooLarge e) {
            return new HealthResult(HealthStatus.UNHEALTHY, "NATS monitoring endpoint " + endpoint
                    + " answered /varz with a body larger than " + MAX_BODY_BYTES + " bytes", details, null);
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

    /**
     * Sends one GET that waits, connecting included, at most for the context's client timeout now,
     * and reads at most {@link #MAX_BODY_BYTES} of the body.
     */
    private Answer get(URI uri, CheckContext context) throws IOException, InterruptedException {
        Duration timeout = context.clientTimeout();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        long start = System.nanoTime();
        // The request timeout covers the headers only; the bounded get() covers the body too.
        CompletableFuture<HttpResponse<LimitedBody.Body>> answer =
                client.sendAsync(request, info -> new LimitedBody(MAX_BODY_BYTES));
        HttpResponse<LimitedBody.Body> response;
        try {
            // What is left now: sendAsync may have resolved the host name in this thread.
            response = answer.get(context.clientTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new Unanswered(millisSince(start));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
                throw new Unanswered(millisSince(start));
            }
            throw cause instanceof IOException io ? io : new IOException(cause);
        } finally {
            answer.cancel(true);
        }
        if (response.body().truncated()) {
            throw new TooLarge();
        }
        return new Answer(response.statusCode(), new String(response.body().bytes(), StandardCharsets.UTF_8));
    }

    /** A status and a body of at most {@link #MAX_BODY_BYTES}. */
    private record Answer(int statusCode, String body) {
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** A body past {@link #MAX_BODY_BYTES}; never leaves the check. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null);
        }
    }

    /** No answer within the client timeout; never leaves the check. */
    private static final class Unanswered extends IOException {
        private static final long serialVersionUID = 1L;
        private final long millis;

        Unanswered(long millis) {
            super(null, null);
            this.millis = millis;
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
        return "NatsServerHealthCheck[" + endpoint + ", jetStream=" + jetStream + "]";
    }

    /** Builds a {@link NatsServerHealthCheck}; not thread-safe. */
    public static final class Builder {
        private final URI url;
        private boolean jetStream;
        private boolean varz = true;
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
         * Sets the HTTP client to use, for proxies, TLS settings or an {@code Authenticator} (default:
         * a client of the check's own). Each request is still bounded by the client timeout of the
         * invocation, connecting included; a connect timeout of the client's own applies only when shorter.
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
