package io.healthmonitor.spring;

import io.healthmonitor.http.EndpointRequest;
import io.healthmonitor.http.EndpointResponse;
import io.healthmonitor.http.Endpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Serves the runbook endpoints on a WebFlux server (Reactor Netty, or any other): a request under
 * one of the router's paths is answered by the router, one that an endpoint bean of the application
 * answers ({@link ApplicationEndpoints}) by that endpoint, and any other passes on to the
 * application, its body unread.
 *
 * <p>The router blocks: a report waits for its checks up to their deadlines. So it never runs on
 * the server's event loop, which would stall every other connection of that loop meanwhile, but on
 * Reactor's bounded elastic scheduler; the request body is read there too, if the endpoint reads
 * it, as a stream that asks the server for one buffer at a time. As a filter ordered after Spring
 * Security's ({@link HealthMonitorWebAutoConfiguration#FILTER_ORDER}) it sees the principal Spring
 * Security authenticated, and puts it into Spring Security's thread-bound context while the router
 * runs, so the same {@link SecurityAuthorizer} decides as on a servlet server. A 401 whose challenge
 * the server is to issue ({@link EndpointResponse#challengedByServer()}) becomes Spring Security's
 * {@code AccessDeniedException} when one of the application's security chains serves the exchange,
 * so that the chain's exception handling answers with its entry point ({@code Basic realm="Realm"}
 * for HTTP Basic); without one, the router's 401 is sent with the library's challenge. Thread-safe.
 */
final class EndpointsWebFilter implements WebFilter, Ordered {

    private static final boolean SPRING_SECURITY =
            ClassUtils.isPresent("org.springframework.security.core.context.SecurityContextHolder", null);

    private final Endpoints endpoints;
    private final RunbookPaths paths;
    private final ApplicationEndpoints application;
    private final Function<ServerWebExchange, Mono<Boolean>> securedBySpringSecurity;

    /**
     * @param securedBySpringSecurity whether a Spring Security chain serves an exchange (and so can challenge its caller)
     */
    EndpointsWebFilter(Endpoints endpoints, boolean kubernetesAliases, ApplicationEndpoints application,
            Function<ServerWebExchange, Mono<Boolean>> securedBySpringSecurity) {
        this.endpoints = endpoints;
        this.paths = new RunbookPaths(endpoints.basePath(), kubernetesAliases);
        this.application = application;
        this.securedBySpringSecurity = securedBySpringSecurity;
    }

    @Override
    public int getOrder() {
        return HealthMonitorWebAutoConfiguration.FILTER_ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (paths.matches(path)) {
            return exchange.getPrincipal().map(Optional::of).defaultIfEmpty(Optional.empty())
                    .publishOn(Schedulers.boundedElastic())
                    .map(principal -> answer(endpoints::handle, exchange.getRequest(), path, principal.orElse(null)))
                    .flatMap(answer -> respond(exchange, answer));
        }
        if (!application.mayServe(path)) {
            return chain.filter(exchange);
        }
        // An endpoint bean may take it: asked off the event loop too, passed on when none did.
        return exchange.getPrincipal().map(Optional::of).defaultIfEmpty(Optional.empty())
                .publishOn(Schedulers.boundedElastic())
                .map(principal -> Optional.ofNullable(answer(application.router()::serve, exchange.getRequest(), path, principal.orElse(null))))
                .flatMap(answer -> answer.isPresent() ? respond(exchange, answer.get()) : chain.filter(exchange));
    }

    /**
     * Runs on the scheduler: the router may wait for checks up to their deadlines.
     *
     * @param router {@link Endpoints#handle}, or {@link Endpoints#serve}, which answers null when no endpoint took the request
     */
    @SuppressWarnings("try")   // the body is read through endpointRequest, and closed by the try
    private static @Nullable EndpointResponse answer(Function<EndpointRequest, @Nullable EndpointResponse> router,
            ServerHttpRequest request, String path, @Nullable Principal principal) {
        EndpointRequest.Builder builder = EndpointRequest.builder(request.getMethod().name(), path.isEmpty() ? "/" : path)
                .rawQuery(request.getURI().getRawQuery())
                .remoteAddress(address(request.getRemoteAddress()));
        request.getHeaders().forEach(builder::header);
        // Subscribes to the body on its first read, one buffer at a time: an endpoint that never reads it leaves it to the server.
        EndpointRequest endpointRequest = builder.body(request.getHeaders().getContentLength(),
                () -> DataBufferUtils.subscriberInputStream(request.getBody(), 1)).build();
        try (InputStream body = endpointRequest.body()) {   // closed here: a body read is cancelled, its buffers released
            if (SPRING_SECURITY) {
                return SpringSecurity.as(principal, () -> router.apply(endpointRequest));
            }
            return router.apply(endpointRequest);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // closing the body stream: it cancels the body and releases its buffers
        }
    }

    /** Writes the answer, or has Spring Security's entry point challenge the caller when the answer leaves that to the server. */
    private Mono<Void> respond(ServerWebExchange exchange, EndpointResponse answer) {
        if (!answer.challengedByServer()) {
            return write(exchange, answer);
        }
        return securedBySpringSecurity.apply(exchange).flatMap(secured -> secured
                ? Mono.<Void>error(SpringSecurity.authenticationRequired())
                : write(exchange, answer.withHeader(HttpHeaders.WWW_AUTHENTICATE, EndpointResponse.BEARER_CHALLENGE)));
    }

    private static Mono<Void> write(ServerWebExchange exchange, EndpointResponse answer) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
        HttpHeaders headers = response.getHeaders();
        answer.headers().forEach(headers::set);
        byte[] body = answer.body();
        headers.setContentLength(body.length);
        if (body.length == 0 || HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
            return response.setComplete();
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    // The socket's own address: never a name lookup.
    private static @Nullable InetAddress address(@Nullable InetSocketAddress remote) {
        return remote == null ? null : remote.getAddress();
    }

    /** Loaded only when Spring Security is on the classpath. */
    private static final class SpringSecurity {

        private SpringSecurity() {
        }

        /** What Spring Security's exception handling answers with its entry point for a caller who did not authenticate. */
        static RuntimeException authenticationRequired() {
            return new AccessDeniedException("authentication required for details");
        }

        /** Runs {@code work} with the principal in Spring Security's context of this thread, when it is an authentication. */
        static @Nullable EndpointResponse as(@Nullable Principal principal, Supplier<@Nullable EndpointResponse> work) {
            if (!(principal instanceof Authentication authentication)) {
                return work.get();
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication);
            SecurityContextHolder.setContext(context);
            try {
                return work.get();
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }
}
