package io.healthmonitor.http;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Decides who may see details: check names, messages and details of reports, and any other
 * endpoint that shows more than a status (certificates, metrics, CoRIM listings). Everyone may
 * see the summary status.
 *
 * <p>Built in: {@link #never()}, {@link #always()}, {@link #bearerToken(String)},
 * {@link #loopbackOnly()}; combine them with {@link #or(Authorizer)}, or write your own lambda
 * (for instance over a servlet container's authenticated principal, refusing an anonymous caller with
 * {@link Decision#CHALLENGE_BY_SERVER} so that the container asks for its credentials). Implementations must be
 * thread-safe and fast: they run on every request.
 */
@FunctionalInterface
public interface Authorizer {

    /** The outcome of an authorization. */
    enum Decision {
        /** Details may be shown. */
        GRANTED,
        /**
         * The caller did not authenticate: answered 401 with the library's challenge,
         * {@code WWW-Authenticate: Bearer realm="health"} ({@link EndpointResponse#BEARER_CHALLENGE}).
         */
        UNAUTHENTICATED,
        /**
         * The caller did not authenticate, and the server's own authentication should ask it to: the
         * endpoint answers 401 without a challenge of its own ({@link EndpointResponse#challengedByServer()}),
         * and the binding hands the request to the server, which answers with its challenge. In a servlet
         * container that is {@code HttpServletRequest.authenticate}, which Spring Security answers with its
         * entry point ({@code WWW-Authenticate: Basic realm="Realm"} for HTTP Basic); on WebFlux, Spring
         * Security's entry point too. A server without authentication of its own (the JDK's
         * {@code HttpServer}, a container without a login configuration) gets the library's challenge,
         * as for {@link #UNAUTHENTICATED}. For authorizers over a framework's authentication.
         */
        CHALLENGE_BY_SERVER,
        /** The caller is known not to be allowed: answered 403. */
        FORBIDDEN
    }

    /**
     * Decides whether the caller of {@code request} may see details.
     *
     * @param request the request; implementations read it and must not consume its body
     * @return the decision, never null
     */
    Decision authorize(EndpointRequest request);

    /**
     * Returns an authorizer that grants when this one or {@code other} does; otherwise the
     * decision of {@code other}.
     *
     * @param other the alternative
     * @return the combined authorizer
     */
    default Authorizer or(Authorizer other) {
        Objects.requireNonNull(other, "other");
        return request -> authorize(request) == Decision.GRANTED ? Decision.GRANTED : other.authorize(request);
    }

    /**
     * Never shows details: only summaries are served.
     *
     * @return the authorizer
     */
    static Authorizer never() {
        return request -> Decision.FORBIDDEN;
    }

    /**
     * Always shows details. Only for services whose endpoints are not reachable from outside.
     *
     * @return the authorizer
     */
    static Authorizer always() {
        return request -> Decision.GRANTED;
    }

    /**
     * Shows details to callers sending {@code Authorization: Bearer <token>}; compares in constant time.
     *
     * @param token the secret token, at least 16 visible ASCII characters ({@code !} to {@code ~}: no
     *              white space, nothing a client would send in another encoding); typically read from
     *              the environment, for example {@code System.getenv("HEALTH_TOKEN")}
     * @return the authorizer
     * @throws IllegalArgumentException if {@code token} is null (an unset variable), shorter than 16
     *                                  characters or holds another character; the message never shows the token
     */
    static Authorizer bearerToken(String token) {
        if (token == null) {
            // "bearer token" would read "bearer ***" after redaction: the message says "the token".
            throw new IllegalArgumentException("the token for Authorizer.bearerToken is missing (null): set it, for example with the"
                    + " environment variable the application reads it from, to at least 16 visible ASCII characters");
        }
        // Visible ASCII only: a client sends the header's bytes as it likes (curl: UTF-8), so "pässwörd..."
        // matched for one client and not another (found by a user test).
        if (token.length() < 16 || token.chars().anyMatch(c -> c < '!' || c > '~')) {
            throw new IllegalArgumentException("the token must be at least 16 visible ASCII characters (! to ~, no white space), was "
                    + token.length() + " characters");
        }
        return request -> {
            String header = request.header("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Decision.UNAUTHENTICATED;
            }
            return sameInConstantTime(token, header) ? Decision.GRANTED : Decision.FORBIDDEN;
        };
    }

    /**
     * Whether {@code header} is {@code Bearer <token>} (white space around the token allowed),
     * comparing every character whatever the first difference, and without copying the header.
     */
    private static boolean sameInConstantTime(String token, String header) {
        int start = 7;
        int end = header.length();
        while (start < end && header.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && header.charAt(end - 1) <= ' ') {
            end--;
        }
        int difference = (end - start) ^ token.length();
        for (int i = 0; i < token.length(); i++) {
            difference |= token.charAt(i) ^ (start + i < end ? header.charAt(start + i) : 0);
        }
        return difference == 0;
    }

    /**
     * Shows details to callers on the loopback interface (127.0.0.0/8, ::1) only. Behind a proxy on
     * the same host every caller looks local: combine it with care.
     *
     * @return the authorizer
     */
    static Authorizer loopbackOnly() {
        return request -> {
            InetAddress remote = request.remoteAddress();
            return remote != null && remote.isLoopbackAddress() ? Decision.GRANTED : Decision.FORBIDDEN;
        };
    }
}
