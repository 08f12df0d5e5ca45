package io.healthmonitor.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What every Health Monitor HTTP handler answers the same way: JSON bodies and errors,
 * {@code Cache-Control: no-store}, GET/HEAD only, content negotiation, 401/403 for refused
 * details. Handlers in other modules (certificates, CoRIM) use it too, so every endpoint of the
 * library behaves alike.
 *
 * <p>Stateless and thread-safe.
 */
public final class HttpResponses {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final List<String> ACCEPTABLE = List.of("application/json", "application/health+json",
            "application/*", "*/*");

    private HttpResponses() {
    }

    /**
     * A complete response: status code, content type and body.
     *
     * @param status      the HTTP status code
     * @param contentType the media type of {@code body}
     * @param body        the body; sent as is, or not at all for HEAD
     */
    public record Response(int status, String contentType, byte[] body) {
        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code status} is not a valid HTTP status code
         */
        public Response {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("status must be an HTTP status code, was " + status);
            }
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * Returns a JSON error response: {@code {"error":"<message>"}}.
     *
     * @param status  the HTTP status code
     * @param message a message for the caller, never a stack trace or an internal detail
     * @return the response
     */
    public static Response error(int status, String message) {
        Objects.requireNonNull(message, "message");
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return new Response(status, "application/json", out.toByteArray());
    }

    /**
     * Returns the response for a refused detail request: 401 with a bearer challenge, or 403.
     *
     * @param decision the authorizer's decision, not {@link Authorizer.Decision#GRANTED}
     * @return the response
     */
    public static Response refused(Authorizer.Decision decision) {
        return decision == Authorizer.Decision.UNAUTHENTICATED
                ? error(401, "authentication required for details")
                : error(403, "details are not available to this caller");
    }

    /**
     * Checks the method (GET and HEAD only) and the {@code Accept} header (JSON or health+json).
     *
     * @param exchange the request
     * @return a 405 or 406 response, or empty when the request is acceptable
     */
    public static Optional<Response> refuseMethodOrMediaType(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            return Optional.of(error(405, "method not allowed"));
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept != null && !accept.isBlank() && ACCEPTABLE.stream()
                .noneMatch(type -> accept.toLowerCase(Locale.ROOT).contains(type))) {
            return Optional.of(error(406, "only application/json and application/health+json are served"));
        }
        return Optional.empty();
    }

    /**
     * Returns whether the caller asked for the IETF format, by {@code Accept: application/health+json}
     * or {@code ?format=ietf}.
     *
     * @param exchange the request
     * @return true for the IETF format
     */
    public static boolean wantsIetf(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (parameter.equalsIgnoreCase("format=ietf")) {
                    return true;
                }
            }
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/health+json");
    }

    /**
     * Sends a response with {@code Cache-Control: no-store}; for HEAD, the headers only.
     *
     * @param exchange the exchange
     * @param response the response
     * @throws IOException if the client went away
     */
    public static void send(HttpExchange exchange, Response response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        if (response.status() == 401) {
            headers.set("WWW-Authenticate", "Bearer realm=\"health\"");
        }
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }
}
