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
 * runs, so the same {@link SecurityAuthorizer} decides as on a servlet server. Thread-safe.
 */
final class EndpointsWebFilter implements WebFilter, Ordered {

    private static final boolean SPRING_SECURITY =
            ClassUtils.isPresent("org.springframework.security.core.context.SecurityContextHolder", null);

    private final Endpoints endpoints;
    private final RunbookPaths paths;
    private final ApplicationEndpoints application;

    EndpointsWebFilter(Endpoints endpoints, boolean kubernetesAliases, ApplicationEndpoints application) {
        this.endpoints = endpoints;
        this.paths = new RunbookPaths(endpoints.basePath(), kubernetesAliases);
        this.application = application;
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
                    .flatMap(answer -> write(exchange, answer));
        }
        if (!application.mayServe(path)) {
            return chain.filter(exchange);
        }
        // An endpoint bean may take it: asked off the event loop too, passed on when none did.
        return exchange.getPrincipal().map(Optional::of).defaultIfEmpty(Optional.empty())
                .publishOn(Schedulers.boundedElastic())
                .map(principal -> Optional.ofNullable(answer(application.router()::serve, exchange.getRequest(), path, principal.orElse(null))))
                .flatMap(answer -> answer.isPresent() ? write(exchange, answer.get()) : chain.filter(exchange));
    }

    /**
     * Runs on the scheduler: the router may wait for checks up to their deadlines.
     *
     * @param router {@link Endpoints#handle}, or {@link Endpoints#serve}, which answers null when no endpoint took the request
     */
    private static @Nullable EndpointResponse answer(Function<EndpointRequest, @Nullable EndpointResponse> router,
            ServerHttpRequest request, String path, @Nullable Principal principal) {
        try (InputStream body = new BodyStream(request)) {
            EndpointRequest.Builder builder = EndpointRequest.builder(request.getMethod().name(), path.isEmpty() ? "/" : path)
                    .rawQuery(request.getURI().getRawQuery())
                    .remoteAddress(address(request.getRemoteAddress()));
            request.getHeaders().forEach(builder::header);
            EndpointRequest endpointRequest = builder.body(request.getHeaders().getContentLength(), body).build();
            if (SPRING_SECURITY) {
                return SpringSecurity.as(principal, () -> router.apply(endpointRequest));
            }
            return router.apply(endpointRequest);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // closing the body stream: it cancels the body and releases its buffers
        }
    }

    /**
     * The request body as a blocking stream that subscribes to the body on its first read, one
     * buffer at a time: an endpoint that never reads it (most do not) leaves it to the server.
     * Not thread-safe: one request's thread reads it.
     */
    private static final class BodyStream extends InputStream {
        private final ServerHttpRequest request;
        private @Nullable InputStream opened;

        BodyStream(ServerHttpRequest request) {
            this.request = request;
        }

        private InputStream open() {
            if (opened == null) {
                opened = DataBufferUtils.subscriberInputStream(request.getBody(), 1);
            }
            return opened;
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
