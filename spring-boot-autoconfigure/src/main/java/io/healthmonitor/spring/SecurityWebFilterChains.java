package io.healthmonitor.spring;

import java.util.function.Function;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whether one of the application's {@link SecurityWebFilterChain}s serves an exchange, so that its
 * exception handling answers a refusal with Spring Security's entry point. Loaded only when Spring
 * Security's reactive web support is on the classpath. Thread-safe.
 */
final class SecurityWebFilterChains implements Function<ServerWebExchange, Mono<Boolean>> {

    private final ObjectProvider<SecurityWebFilterChain> chains;

    private SecurityWebFilterChains(ObjectProvider<SecurityWebFilterChain> chains) {
        this.chains = chains;
    }

    static SecurityWebFilterChains of(BeanFactory beans) {
        return new SecurityWebFilterChains(beans.getBeanProvider(SecurityWebFilterChain.class));
    }

    @Override
    public Mono<Boolean> apply(ServerWebExchange exchange) {
        // Asked for refusals only, which are rare: the chains are looked up then, not kept.
        return Flux.fromStream(chains.orderedStream()).concatMap(chain -> chain.matches(exchange)).any(Boolean::booleanValue);
    }
}
