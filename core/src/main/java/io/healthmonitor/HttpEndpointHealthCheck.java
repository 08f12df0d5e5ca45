package io.healthmonitor;

import io.healthmonitor.internal.LimitedBody;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks a downstream service by sending a {@code GET} to its health URL with the JDK's
 * {@link HttpClient}.
 *
 * <p>The check is healthy when the answer has an expected status code (by default any {@code 2xx})
 * and, if configured, a body that passes the body assertion (a top-level JSON field with one of
 * the accepted values, or a text the body must contain). Everything else is unhealthy with a
 * message saying what happened: a {@code 5xx} or {@code 4xx} status, a redirect (naming its
 * {@code Location}), a refused connection, a timeout, a body that fails the assertion or is larger
 * than {@link Builder#maxBodyBytes(int) the body limit}.
 *
 * <p>Connecting, waiting for the answer and reading the body all happen within the invocation's
 * {@link CheckContext#clientTimeout() client timeout}, derived from the registration's deadline, so
 * a slow endpoint is reported as "no answer from ... within N ms" just before the deadline. Redirects are not followed unless asked for. User-info in the URL
 * ({@code https://user:password@host/health}) is sent as HTTP Basic authentication and is masked
 * in every message and detail the check produces.
 *
 * <p>Details: {@code url} (masked), {@code statusCode} (when an answer arrived),
 * {@code responseTimeMillis} (time until the answer or the failure) and {@code location} (for an
 * unexpected redirect).
 *
 * <p>Built with {@link #builder(URI)}; immutable and thread-safe. An {@link HttpClient} passed with
 * {@link Builder#client(HttpClient)} is shared, never closed; otherwise the check builds its own
 * client on first use.
 */
public final class HttpEndpointHealthCheck implements HealthCheck {

    /** The default limit of a response body that is read: 64 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private final URI requestUri;
    private final String maskedUrl;
    private final @Nullable String authorization;
    private final Set<Integer> expectedStatus;
    private final boolean followRedirects;
    private final int maxBodyBytes;
    private final HttpBodyExpectation body;
    private final Object clientLock = new Object();
    private volatile @Nullable HttpClient client;

    private HttpEndpointHealthCheck(Builder builder) {
        this.requestUri = HttpUserInfo.strip(builder.url);
        this.maskedUrl = Objects.requireNonNull(Redactor.redact(builder.url.toString()));
        this.authorization = HttpUserInfo.basicAuthorization(builder.url);
        this.expectedStatus = Set.copyOf(builder.expectedStatus);
        this.followRedirects = builder.followRedirects;
        this.maxBodyBytes = builder.maxBodyBytes;
        this.body = new HttpBodyExpectation(builder.jsonField, builder.jsonValues, builder.bodyText);
        this.client = builder.client;
    }

    /**
     * Starts a check of the given URL.
     *
     * @param url an absolute {@code http} or {@code https} URL; user-info in it is sent as Basic authentication
     * @return a builder with the defaults: any {@code 2xx} expected, no redirects
     *         followed, no body assertion, 64 KiB body limit, a client of the check's own
     * @throws NullPointerException     if {@code url} is null
     * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL with a host
     */
    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /**
     * Returns a check of the given URL with the defaults.
     *
     * @param url an absolute {@code http} or {@code https} URL
     * @return the check
     * @throws NullPointerException     if {@code url} is null
     * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL with a host
     */
    public static HttpEndpointHealthCheck of(URI url) {
        return builder(url).build();
    }

    /**
     * Sends the request and judges the answer. Blocks at most for the context's client timeout.
     *
     * @param context the invocation's deadline
     * @return healthy, or unhealthy with a message saying why; never null
     * @throws InterruptedException if the calling thread is interrupted (the request is cancelled)
     */
    @Override
    public HealthResult check(CheckContext context) throws InterruptedException {
        Duration timeout = context.clientTimeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(requestUri).GET().timeout(timeout)
                .header("Accept", body.accept());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<LimitedBody.Body>> future =
                client().sendAsync(request.build(), info -> new LimitedBody(maxBodyBytes));
        HttpResponse<LimitedBody.Body> response;
        try {
            // Not the timeout read above: building the client on first use and sendAsync itself (the
            // JDK client resolves the host name in the caller's thread) may have used part of it. The
            // message still names the whole time given, as the documentation says.
            response = future.get(context.clientTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return failure("no answer from " + maskedUrl + " within " + timeout.toMillis() + " ms", e, start);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return failure(e.getCause() == null ? e : e.getCause(), timeout, start);
        }
        return judge(response, start);
    }

    private HealthResult judge(HttpResponse<LimitedBody.Body> response, long start) {
        int status = response.statusCode();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", maskedUrl);
        details.put("statusCode", status);
        details.put("responseTimeMillis", elapsedMillis(start));
        if (!expected(status)) {
            if (status >= 300 && status < 400) {
                String location = response.headers().firstValue("Location").map(Redactor::redact).orElse(null);
                if (location != null) {
                    details.put("location", location);
                }
                return result(HealthResult.unhealthy(maskedUrl + " redirected (" + status + ") to "
                        + (location == null ? "no Location" : location) + ", expected " + describeExpected()), details);
            }
            String kind = status >= 500 ? " (server error)" : status >= 400 ? " (client error)" : "";
            return result(HealthResult.unhealthy(maskedUrl + " answered " + status + kind
                    + ", expected " + describeExpected()), details);
        }
        if (this.body.none()) {
            return result(HealthResult.healthy(), details);
        }
        LimitedBody.Body body = response.body();
        if (body.truncated()) {
            return result(HealthResult.unhealthy("response body of " + maskedUrl + " is larger than "
                    + maxBodyBytes + " bytes"), details);
        }
        String problem = this.body.problem(body.bytes(), maskedUrl);
        return result(problem == null ? HealthResult.healthy() : HealthResult.unhealthy(problem), details);
    }

    private HealthResult failure(Throwable error, Duration timeout, long start) {
        String message;
        if (error instanceof HttpConnectTimeoutException) {
            message = "cannot connect to " + maskedUrl + " within " + timeout.toMillis() + " ms";
        } else if (error instanceof HttpTimeoutException) {
            message = "no answer from " + maskedUrl + " within " + timeout.toMillis() + " ms";
        } else if (unresolvedHost(error)) {
            // the JDK client wraps a failed lookup in a ConnectException too: it is not a refusal
            message = "cannot connect to " + maskedUrl + ": unknown host " + requestUri.getHost();
        } else if (connectionRefused(error)) {
            message = "cannot connect to " + maskedUrl + ": connection refused";
        } else {
            message = "request to " + maskedUrl + " failed: " + Redactor.redact(HealthResult.describe(error));
        }
        return failure(message, error, start);
    }

    private HealthResult failure(String message, Throwable error, long start) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", maskedUrl);
        details.put("responseTimeMillis", elapsedMillis(start));
        return HealthResult.unhealthy(message, error).withDetails(details);
    }

    private static boolean unresolvedHost(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionRefused(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static HealthResult result(HealthResult result, Map<String, Object> details) {
        return result.withDetails(details);
    }

    private boolean expected(int status) {
        return expectedStatus.isEmpty() ? status >= 200 && status < 300 : expectedStatus.contains(status);
    }

    private String describeExpected() {
        return expectedStatus.isEmpty() ? "2xx"
                : new TreeSet<>(expectedStatus).stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static long elapsedMillis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (clientLock) {
                current = client;
                if (current == null) {
                    // No connect timeout of the client's own: each request's timeout covers connecting too.
                    current = HttpClient.newBuilder()
                            .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                            .build();
                    client = current;
                }
            }
        }
        return current;
    }

    /**
     * Configures an {@link HttpEndpointHealthCheck}. Not thread-safe; the built check is.
     */
    public static final class Builder {
        private final URI url;
        private Set<Integer> expectedStatus = Set.of();
        private boolean followRedirects;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private @Nullable String jsonField;
        private Set<String> jsonValues = Set.of();
        private @Nullable String bodyText;
        private @Nullable HttpClient client;

        private Builder(URI url) {
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw new IllegalArgumentException("url must be an absolute http or https URL with a host: "
                        + Redactor.redact(url.toString()));
            }
            this.url = url;
        }

        /**
         * Sets the status codes that count as healthy, replacing the default of any {@code 2xx}.
         * Include a {@code 3xx} code to accept a redirect without following it.
         *
         * @param codes one or more status codes, each between 100 and 599
         * @return this builder
         * @throws NullPointerException     if {@code codes} is null
         * @throws IllegalArgumentException if no code is given or a code is out of range
         */
        public Builder expectedStatus(int... codes) {
            Objects.requireNonNull(codes, "codes");
            if (codes.length == 0) {
                throw new IllegalArgumentException("expectedStatus must name at least one status code");
            }
            Set<Integer> set = new TreeSet<>();
            for (int code : codes) {
                if (code < 100 || code > 599) {
                    throw new IllegalArgumentException("status code must be between 100 and 599, was " + code);
                }
                set.add(code);
            }
            this.expectedStatus = set;
            return this;
        }

        /**
         * Sets whether the check's own client follows redirects (except HTTPS to HTTP). With a
         * client of the user's ({@link #client(HttpClient)}), that client's policy applies instead.
         *
         * @param value true to follow; default false, so a redirect is unhealthy unless expected
         * @return this builder
         */
        public Builder followRedirects(boolean value) {
            this.followRedirects = value;
            return this;
        }

        /**
         * Sets the client to send requests with, instead of one the check builds on first use.
         * The client is shared, never closed by the check; its redirect policy, proxy, TLS and
         * connect timeout apply, while the check still bounds every exchange by the invocation's deadline.
         *
         * @param value the client
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder client(HttpClient value) {
            this.client = Objects.requireNonNull(value, "client");
            return this;
        }

        /**
         * Requires the body to be a JSON object whose top-level field {@code status} has one of
         * the given values; shorthand for {@code jsonField("status", values)}.
         *
         * @param values the accepted values, compared ignoring case (for example {@code "UP"}, {@code "pass"})
         * @return this builder
         * @throws NullPointerException     if {@code values} or one of them is null
         * @throws IllegalArgumentException if no value is given
         */
        public Builder jsonStatus(String... values) {
            return jsonField("status", values);
        }

        /**
         * Requires the body to be a JSON object whose top-level field {@code name} has one of the
         * given values (a string, number or boolean, compared as text ignoring case). Replaces an
         * earlier JSON assertion. The body is parsed with a streaming parser and read up to
         * {@link #maxBodyBytes(int)}.
         *
         * @param name   the top-level field
         * @param values the accepted values
         * @return this builder
         * @throws NullPointerException     if an argument or one of the values is null
         * @throws IllegalArgumentException if {@code name} is blank or no value is given
         */
        public Builder jsonField(String name, String... values) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(values, "values");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            if (values.length == 0) {
                throw new IllegalArgumentException("at least one accepted value is required");
            }
            Set<String> set = new TreeSet<>();
            for (String value : values) {
                set.add(Objects.requireNonNull(value, "value").toLowerCase(Locale.ROOT));
            }
            this.jsonField = name;
            this.jsonValues = set;
            return this;
        }

        /**
         * Requires the body, read as UTF-8 up to {@link #maxBodyBytes(int)}, to contain a text.
         * Can be combined with a JSON assertion; both must pass.
         *
         * @param text the text the body must contain
         * @return this builder
         * @throws NullPointerException     if {@code text} is null
         * @throws IllegalArgumentException if {@code text} is empty
         */
        public Builder bodyContains(String text) {
            Objects.requireNonNull(text, "text");
            if (text.isEmpty()) {
                throw new IllegalArgumentException("text must not be empty");
            }
            this.bodyText = text;
            return this;
        }

        /**
         * Sets how much of a body is read at most. A body assertion fails on a larger body; without
         * an assertion the rest of the body is simply not read.
         *
         * @param value the limit in bytes; default 64 KiB
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is not positive
         */
        public Builder maxBodyBytes(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("maxBodyBytes must be > 0");
            }
            this.maxBodyBytes = value;
            return this;
        }

        /**
         * Builds the check.
         *
         * @return an immutable, thread-safe check
         * @throws IllegalArgumentException if both {@link #client(HttpClient)} and {@code followRedirects(true)} were set
         */
        public HttpEndpointHealthCheck build() {
            if (client != null && followRedirects) {
                throw new IllegalArgumentException(
                        "followRedirects cannot be combined with client(..): set the redirect policy on that client");
            }
            return new HttpEndpointHealthCheck(this);
        }
    }
}
