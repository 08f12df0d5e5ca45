package io.healthmonitor.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A complete answer of an endpoint: status code, headers and body, sent as it is by every
 * binding (for {@code HEAD}, without the body). Every response of an {@link Endpoints} router also
 * carries {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff}.
 *
 * <p>Immutable; the body array is not copied, so do not change it after building the response.
 *
 * @param status  the HTTP status code
 * @param headers response headers in insertion order, {@code Content-Type} included
 * @param body    the body
 */
public record EndpointResponse(int status, Map<String, String> headers, byte[] body) {

    /** The media type of JSON bodies. */
    public static final String JSON = "application/json";
    /** The library's challenge on a 401: {@code WWW-Authenticate: Bearer realm="health"}. */
    public static final String BEARER_CHALLENGE = "Bearer realm=\"health\"";

    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if {@code status} is not an HTTP status code
     */
    public EndpointResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status code, was " + status);
        }
        headers = headers instanceof Frozen ? headers : new Frozen(new LinkedHashMap<>(headers));
        Objects.requireNonNull(body, "body");
    }

    /**
     * Returns a response with a body of the given type.
     *
     * @param status      the status code
     * @param contentType the body's media type
     * @param body        the body
     * @return the response
     */
    public static EndpointResponse of(int status, String contentType, byte[] body) {
        return new EndpointResponse(status, Map.of("Content-Type", contentType), body);
    }

    /**
     * Returns a JSON error: {@code {"error":"<message>"}}; 401 comes with the library's challenge,
     * {@link #BEARER_CHALLENGE}.
     *
     * @param status  the status code
     * @param message a message for the caller, never a stack trace or an internal detail
     * @return the response
     */
    public static EndpointResponse error(int status, String message) {
        EndpointResponse response = json(status, message);
        return status == 401 ? response.withHeader(WWW_AUTHENTICATE, BEARER_CHALLENGE) : response;
    }

    private static EndpointResponse json(int status, String message) {
        Objects.requireNonNull(message, "message");
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return of(status, JSON, out.toByteArray());
    }

    /**
     * Returns the response for a request refused details: {@code refused(decision, "details")}.
     *
     * @param decision the authorizer's decision, not {@link Authorizer.Decision#GRANTED}
     * @return the response
     * @throws IllegalArgumentException if {@code decision} is {@link Authorizer.Decision#GRANTED}
     */
    public static EndpointResponse refused(Authorizer.Decision decision) {
        return refused(decision, "details");
    }

    /**
     * Returns the response for a refused request, by the authorizer's decision:
     * {@link Authorizer.Decision#UNAUTHENTICATED} 401 with {@link #BEARER_CHALLENGE};
     * {@link Authorizer.Decision#CHALLENGE_BY_SERVER} 401 without a challenge, which the binding has
     * the server issue ({@link #challengedByServer()}); {@link Authorizer.Decision#FORBIDDEN} 403. The
     * body is {@code {"error":"authentication required for <what>"}} or
     * {@code {"error":"<what> are not available to this caller"}}.
     *
     * @param decision the authorizer's decision, not {@link Authorizer.Decision#GRANTED}
     * @param what     what was refused, a plural noun such as {@code details} or {@code metrics}
     * @return the response
     * @throws IllegalArgumentException if {@code decision} is {@link Authorizer.Decision#GRANTED}
     */
    public static EndpointResponse refused(Authorizer.Decision decision, String what) {
        Objects.requireNonNull(what, "what");
        return switch (Objects.requireNonNull(decision, "decision")) {
            case UNAUTHENTICATED -> error(401, "authentication required for " + what);
            case CHALLENGE_BY_SERVER -> json(401, "authentication required for " + what);
            case FORBIDDEN -> error(403, what + " are not available to this caller");
            case GRANTED -> throw new IllegalArgumentException("a granted request is not refused");
        };
    }

    /**
     * Returns whether this is a 401 without a {@code WWW-Authenticate} challenge, which HTTP requires
     * on a 401: the server's own authentication is to challenge the caller
     * ({@link Authorizer.Decision#CHALLENGE_BY_SERVER}). A binding hands such a request to the
     * server's authentication ({@code HttpServletRequest.authenticate}, Spring Security's entry point)
     * and, where the server has none, sends the response with {@link #BEARER_CHALLENGE}.
     *
     * @return true for a 401 without a challenge
     */
    public boolean challengedByServer() {
        if (status != 401) {
            return false;
        }
        for (String name : headers.keySet()) {
            if (name.equalsIgnoreCase(WWW_AUTHENTICATE)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns a copy with one more header, or with {@code name}'s value replaced.
     *
     * @param name  the header's name
     * @param value its value
     * @return a new response
     */
    public EndpointResponse withHeader(String name, String value) {
        return withHeaders(name, value);
    }

    /**
     * Returns a copy with more headers, or with their values replaced: one copy for all of them.
     *
     * @param namesAndValues a name, its value, the next name, its value, ...
     * @return a new response
     * @throws IllegalArgumentException if a name has no value
     */
    public EndpointResponse withHeaders(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("header names and values must come in pairs");
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(headers.size() + namesAndValues.length);
        copy.putAll(headers);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            copy.put(Objects.requireNonNull(namesAndValues[i], "name"), Objects.requireNonNull(namesAndValues[i + 1], "value"));
        }
        return new EndpointResponse(status, new Frozen(copy), body);
    }

    /** Headers that no one changes any more: a response takes them without copying them again. */
    private static final class Frozen extends AbstractMap<String, String> {
        private final Map<String, String> view;

        /** Takes {@code owned}, which no one else holds. */
        Frozen(LinkedHashMap<String, String> owned) {
            this.view = Collections.unmodifiableMap(owned);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return view.entrySet();
        }

        @Override
        public @Nullable String get(Object key) {
            return view.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return view.containsKey(key);
        }

        @Override
        public int size() {
            return view.size();
        }
    }

    /**
     * Returns the {@code Content-Type}.
     *
     * @return the media type, or null when the response has none
     */
    public @Nullable String contentType() {
        return headers.get("Content-Type");
    }
}
