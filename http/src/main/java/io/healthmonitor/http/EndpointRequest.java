package io.healthmonitor.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as every endpoint of the library sees it, whatever server received it: the
 * method, the path, the raw query, the headers, the caller's address and the body. Bindings
 * ({@link JdkHttpHandler}, {@link EndpointServlet}, ...) build one per request.
 *
 * <p>Immutable apart from the body stream, which is read at most once by the endpoint that
 * handles the request. Header names are matched ignoring case.
 */
public final class EndpointRequest {

    private static final InputStream EMPTY = new ByteArrayInputStream(new byte[0]);

    private final String method;
    private final String path;
    private final @Nullable String rawQuery;
    private final Map<String, List<String>> headers;
    private final @Nullable InetAddress remoteAddress;
    private final long contentLength;
    private final InputStream body;

    private EndpointRequest(Builder builder) {
        this.method = builder.method;
        this.path = builder.path;
        this.rawQuery = builder.rawQuery;
        this.headers = Collections.unmodifiableMap(builder.headers);
        this.remoteAddress = builder.remoteAddress;
        this.contentLength = builder.contentLength;
        this.body = builder.body;
    }

    /**
     * Starts a request.
     *
     * @param method the method, as sent (case matters: {@code get} is not {@code GET})
     * @param path   the path as sent, still percent-encoded, starting with {@code /}
     * @return a builder with no query, headers, address or body
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    /**
     * Returns the method.
     *
     * @return the method as sent
     */
    public String method() {
        return method;
    }

    /**
     * Returns the path as sent, still percent-encoded: an encoded {@code /} ({@code %2F}) never
     * passes for a separator. Endpoints decode the segments they take values from.
     *
     * @return the raw path, starting with {@code /}
     */
    public String path() {
        return path;
    }

    /**
     * Returns the raw (not decoded) query string.
     *
     * @return the query without {@code ?}, or null when there is none
     */
    public @Nullable String rawQuery() {
        return rawQuery;
    }

    /**
     * Returns whether the query has the parameter {@code name=value}, both decoded and compared
     * ignoring case ({@code ?format=%69etf} is {@code ?format=ietf}).
     *
     * @param name  the parameter's name
     * @param value its value
     * @return true when present
     */
    public boolean hasQueryParameter(String name, String value) {
        Objects.requireNonNull(value, "value");
        for (String[] parameter : query()) {
            if (parameter[0].equalsIgnoreCase(name) && parameter[1].equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the first value of a query parameter, decoded.
     *
     * @param name the parameter's name, matched exactly
     * @return the first value, empty for a parameter without {@code =}, or null when absent
     * @see #queryParameters(String)
     */
    public @Nullable String queryParameter(String name) {
        List<String> values = queryParameters(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * Returns every value of a query parameter, in order, each decoded as a form field is
     * ({@code %31} is {@code 1}, {@code +} a space). {@link Endpoints} answers 400 to a query with a
     * malformed escape before any endpoint reads it. Every endpoint of the library refuses a
     * parameter it takes once when it is repeated.
     *
     * @param name the parameter's name, matched exactly after decoding
     * @return the values, empty when absent
     */
    public List<String> queryParameters(String name) {
        Objects.requireNonNull(name, "name");
        List<String> values = new java.util.ArrayList<>(1);
        for (String[] parameter : query()) {
            if (parameter[0].equals(name)) {
                values.add(parameter[1]);
            }
        }
        return values;
    }

    /** Whether some {@code %} of the query is not followed by two hex digits: the router answers 400. */
    boolean hasMalformedQuery() {
        if (rawQuery == null) {
            return false;
        }
        for (int i = rawQuery.indexOf('%'); i >= 0; i = rawQuery.indexOf('%', i + 1)) {
            if (i + 2 >= rawQuery.length() || Character.digit(rawQuery.charAt(i + 1), 16) < 0
                    || Character.digit(rawQuery.charAt(i + 2), 16) < 0) {
                return true;
            }
        }
        return false;
    }

    /** The query's parameters as decoded name and value pairs. */
    private List<String[]> query() {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return List.of();
        }
        List<String[]> parameters = new java.util.ArrayList<>();
        for (String parameter : rawQuery.split("&")) {
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            parameters.add(new String[] {decode(key), equals < 0 ? "" : decode(parameter.substring(equals + 1))});
        }
        return parameters;
    }

    private static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        try {
            return java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;   // only outside a router, which refuses such a query first
        }
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the header's name, any case
     * @return the value, or null when the header is absent
     */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Returns every value of a header, in the order received.
     *
     * @param name the header's name, any case
     * @return the values, empty when the header is absent
     */
    public List<String> headers(String name) {
        List<String> values = headers.get(name);
        return values == null ? List.of() : values;
    }

    /**
     * Returns the address of the caller (of the last hop: a proxy's when there is one).
     *
     * @return the address, or null when the server does not know it
     */
    public @Nullable InetAddress remoteAddress() {
        return remoteAddress;
    }

    /**
     * Returns the declared length of the body.
     *
     * @return the {@code Content-Length}, or -1 when unknown (chunked or absent)
     */
    public long contentLength() {
        return contentLength;
    }

    /**
     * Returns the body. Read it with a bound of your own: a caller may send more than it declared.
     *
     * @return the body stream, empty when there is none
     */
    public InputStream body() {
        return body;
    }

    /**
     * Returns a copy with another path, for routers that strip a prefix.
     *
     * @param newPath the path
     * @return a request that shares everything else with this one
     */
    public EndpointRequest withPath(String newPath) {
        Builder builder = new Builder(method, newPath);
        builder.rawQuery = rawQuery;
        builder.headers.putAll(headers);
        builder.remoteAddress = remoteAddress;
        builder.contentLength = contentLength;
        builder.body = body;
        return builder.build();
    }

    /**
     * A stand-in of this request with another method and neither query nor body: what a router asks
     * its endpoints with when the query cannot be read.
     */
    EndpointRequest withoutQueryOrBody(String newMethod) {
        Builder builder = new Builder(newMethod, path);
        builder.headers.putAll(headers);
        builder.remoteAddress = remoteAddress;
        return builder.build();
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    /** Builds an {@link EndpointRequest}; not thread-safe. */
    public static final class Builder {
        private final String method;
        private final String path;
        private @Nullable String rawQuery;
        /** By name in any case: a lookup needs no lower-cased copy of the name. */
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private @Nullable InetAddress remoteAddress;
        private long contentLength = -1;
        private InputStream body = EMPTY;

        private Builder(String method, String path) {
            this.method = Objects.requireNonNull(method, "method");
            this.path = Objects.requireNonNull(path, "path");
        }

        /**
         * Sets the raw query.
         *
         * @param value the query without {@code ?}, or null
         * @return this builder
         */
        public Builder rawQuery(@Nullable String value) {
            this.rawQuery = value;
            return this;
        }

        /**
         * Sets a header's values, replacing earlier ones of the same name (any case).
         *
         * @param name   the name
         * @param values the values, in order
         * @return this builder
         */
        public Builder header(String name, List<String> values) {
            headers.put(Objects.requireNonNull(name, "name"), List.copyOf(values));
            return this;
        }

        /**
         * Sets the caller's address.
         *
         * @param value the address, or null when unknown
         * @return this builder
         */
        public Builder remoteAddress(@Nullable InetAddress value) {
            this.remoteAddress = value;
            return this;
        }

        /**
         * Sets the body.
         *
         * @param declaredLength the {@code Content-Length}, or -1 when unknown
         * @param stream         the body
         * @return this builder
         */
        public Builder body(long declaredLength, InputStream stream) {
            this.contentLength = declaredLength;
            this.body = Objects.requireNonNull(stream, "stream");
            return this;
        }

        /**
         * Sets a body that is opened on its first read only: a request that no endpoint reads (most
         * do not) leaves the server's body to whoever handles the request next, such as the
         * application behind a filter (a form body stays readable) or a reactive server (no
         * subscription). Closing the body closes the opened stream, if any.
         *
         * @param declaredLength the {@code Content-Length}, or -1 when unknown
         * @param source         opens the server's body stream, at most once
         * @return this builder
         */
        public Builder body(long declaredLength, BodySource source) {
            return body(declaredLength, new OpenedOnFirstRead(Objects.requireNonNull(source, "source")));
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public EndpointRequest build() {
            return new EndpointRequest(this);
        }
    }

    /** Opens a request's body stream: {@code HttpServletRequest::getInputStream}, for one. */
    @FunctionalInterface
    public interface BodySource {
        /**
         * Opens the body.
         *
         * @return the body stream
         * @throws IOException if the server cannot give it
         */
        InputStream open() throws IOException;
    }

    /** A body opened on its first use. Not thread-safe: one request's thread reads it. */
    private static final class OpenedOnFirstRead extends InputStream {
        private final BodySource source;
        private @Nullable InputStream opened;

        OpenedOnFirstRead(BodySource source) {
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            return open().read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return open().read(buffer, offset, length);
        }

        @Override
        public int available() throws IOException {
            return opened == null ? 0 : opened.available();
        }

        @Override
        public void close() throws IOException {
            if (opened != null) {
                opened.close();
            }
        }

        private InputStream open() throws IOException {
            if (opened == null) {
                opened = source.open();
            }
            return opened;
        }
    }
}
