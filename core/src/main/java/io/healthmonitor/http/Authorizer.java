package io.healthmonitor.http;

import com.sun.net.httpserver.HttpExchange;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Decides who may see details: check names, messages and details of reports, and any other
 * endpoint that shows more than a status. Everyone may see the summary status.
 *
 * <p>Built in: {@link #never()}, {@link #always()}, {@link #bearerToken(String)} and
 * {@link #loopbackOnly()}; combine them with {@link #or(Authorizer)}. Implementations must be
 * thread-safe and fast: they run on every request.
 */
@FunctionalInterface
public interface Authorizer {

    /** The outcome of an authorization. */
    enum Decision {
        /** Details may be shown. */
        GRANTED,
        /** The caller did not authenticate: answered 401 with a {@code WWW-Authenticate} challenge. */
        UNAUTHENTICATED,
        /** The caller is known not to be allowed: answered 403. */
        FORBIDDEN
    }

    /**
     * Decides whether the caller of {@code exchange} may see details.
     *
     * @param exchange the request; implementations read it and must not send a response
     * @return the decision, never null
     */
    Decision authorize(HttpExchange exchange);

    /**
     * Returns an authorizer that grants when this one or {@code other} does; otherwise the
     * decision of {@code other}.
     *
     * @param other the alternative
     * @return the combined authorizer
     */
    default Authorizer or(Authorizer other) {
        Objects.requireNonNull(other, "other");
        return exchange -> authorize(exchange) == Decision.GRANTED ? Decision.GRANTED : other.authorize(exchange);
    }

    /**
     * Never shows details: only summaries are served.
     *
     * @return the authorizer
     */
    static Authorizer never() {
        return exchange -> Decision.FORBIDDEN;
    }

    /**
     * Always shows details. Only for services whose health endpoint is not reachable from outside.
     *
     * @return the authorizer
     */
    static Authorizer always() {
        return exchange -> Decision.GRANTED;
    }

    /**
     * Shows details to callers sending {@code Authorization: Bearer <token>}; compares in constant time.
     *
     * @param token the secret token, at least 16 characters
     * @return the authorizer
     * @throws IllegalArgumentException if {@code token} is shorter than 16 characters or contains white space
     */
    static Authorizer bearerToken(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() < 16 || token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("token must be at least 16 characters without white space");
        }
        byte[] expected = token.getBytes(StandardCharsets.UTF_8);
        return exchange -> {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Decision.UNAUTHENTICATED;
            }
            byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(expected, presented) ? Decision.GRANTED : Decision.FORBIDDEN;
        };
    }

    /**
     * Shows details to callers on the loopback interface (127.0.0.0/8, ::1) only.
     *
     * @return the authorizer
     */
    static Authorizer loopbackOnly() {
        return exchange -> {
            InetSocketAddress remote = exchange.getRemoteAddress();
            return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress()
                    ? Decision.GRANTED : Decision.FORBIDDEN;
        };
    }
}
