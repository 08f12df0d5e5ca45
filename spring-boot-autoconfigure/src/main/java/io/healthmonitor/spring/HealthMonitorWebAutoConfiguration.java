package io.healthmonitor.spring;

import io.healthmonitor.HealthMonitor;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.Endpoint;
import io.healthmonitor.http.Endpoints;
import io.healthmonitor.http.HealthEndpoints;
import jakarta.servlet.Filter;
import java.util.function.Function;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * The runbook endpoints ({@code /health}, {@code /health/detailed}, {@code /health/live|ready|started},
 * {@code /health/group/<name>}, {@code /health/ui}, {@code /api/v1/health/checks/<name>}, the IETF
 * format) on the application's own server, under {@code healthmonitor.http.base-path}: a servlet
 * filter on a servlet server (Spring MVC), a {@code WebFilter} on a reactive one (WebFlux), each
 * ordered after Spring Security's filters. Details are for callers the {@link Authorizer} grants:
 * with Spring Security's web filters, the authenticated principal (with
 * {@code healthmonitor.http.role} when set); else the bearer token {@code healthmonitor.http.token};
 * else callers on the loopback interface. An {@code Authorizer}, an {@code Endpoints} router, or a
 * filter registration named {@code healthMonitorEndpointsFilter} (servlet) or a bean named
 * {@code healthMonitorEndpointsWebFilter} (reactive) of the application's own replaces the
 * auto-configured one. {@link Endpoint} beans are served too, under the same base path and rules:
 * under the runbook paths by the router ({@code /health/fleet}), elsewhere ({@code /metrics},
 * {@code /api/v1/certificates/expiring}, {@code /api/v1/corim/...}) by a router of theirs; a request
 * none of them answers passes on to the application.
 * {@code healthmonitor.http.enabled=false} serves nothing.
 */
@AutoConfiguration(after = HealthMonitorAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnClass(Endpoints.class)
@ConditionalOnBean(HealthMonitor.class)
@ConditionalOnBooleanProperty(name = "healthmonitor.http.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "healthmonitor.enabled", matchIfMissing = true)
public final class HealthMonitorWebAutoConfiguration {

    /** Runs after Spring Security's filter chain (order -100), before the application's servlets or handlers. */
    public static final int FILTER_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    private static final String WEB_SECURITY = "org.springframework.security.web.SecurityFilterChain";

    HealthMonitorWebAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    Endpoints healthMonitorEndpoints(HealthMonitor monitor, Authorizer authorizer, HealthMonitorProperties properties,
            ObjectProvider<Endpoint> endpoints) {
        Endpoints.Builder builder = Endpoints.builder().basePath(properties.getHttp().getBasePath())
                .endpoint(HealthEndpoints.builder(monitor).authorizer(authorizer)
                        .kubernetesAliases(properties.getHttp().isKubernetesAliases()).build());
        endpoints.orderedStream().forEach(builder::endpoint);
        return builder.build();
    }

    /** A servlet server: a filter in front of the application's servlets. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({Filter.class, FilterRegistrationBean.class})
    static class Servlet {

        @Bean
        @ConditionalOnMissingBean(name = "healthMonitorEndpointsFilter")
        FilterRegistrationBean<Filter> healthMonitorEndpointsFilter(Endpoints endpoints, HealthMonitorProperties properties,
                ObjectProvider<Endpoint> applicationEndpoints) {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new EndpointsFilter(endpoints,
                    properties.getHttp().isKubernetesAliases(), applicationEndpoints(endpoints, applicationEndpoints)));
            registration.setName("healthMonitorEndpoints");
            registration.setOrder(FILTER_ORDER);
            return registration;
        }
    }

    /** A reactive server: a web filter in front of the application's handlers; the router runs off the event loop. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(name = "org.springframework.web.server.WebFilter")
    static class Reactive {

        private static final String SECURITY_WEB_FILTER_CHAIN = "org.springframework.security.web.server.SecurityWebFilterChain";

        @Bean
        @ConditionalOnMissingBean(name = "healthMonitorEndpointsWebFilter")
        WebFilter healthMonitorEndpointsWebFilter(Endpoints endpoints, HealthMonitorProperties properties,
                ObjectProvider<Endpoint> applicationEndpoints, BeanFactory beans) {
            Function<ServerWebExchange, Mono<Boolean>> secured = ClassUtils.isPresent(SECURITY_WEB_FILTER_CHAIN, null)
                    ? SecurityWebFilterChains.of(beans) : exchange -> Mono.just(false);
            return new EndpointsWebFilter(endpoints, properties.getHttp().isKubernetesAliases(),
                    applicationEndpoints(endpoints, applicationEndpoints), secured);
        }
    }

    /** The endpoint beans, for the paths outside the runbook's: under the same base path, in the same order. */
    private static ApplicationEndpoints applicationEndpoints(Endpoints endpoints, ObjectProvider<Endpoint> beans) {
        return new ApplicationEndpoints(endpoints.basePath(), beans.orderedStream().toList());
    }

    /** With Spring Security: the authenticated principal, with the configured role when set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.security.core.context.SecurityContextHolder", WEB_SECURITY})
    static class Security {

        @Bean
        @ConditionalOnMissingBean
        Authorizer healthMonitorAuthorizer(HealthMonitorProperties properties) {
            return new SecurityAuthorizer(properties.getHttp().getRole());
        }
    }

    /** Without Spring Security: the bearer token when set, else loopback callers only. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass(WEB_SECURITY)
    static class Plain {

        @Bean
        @ConditionalOnMissingBean
        Authorizer healthMonitorAuthorizer(HealthMonitorProperties properties) {
            String token = properties.getHttp().getToken();
            return token == null || token.isEmpty() ? Authorizer.loopbackOnly() : Authorizer.bearerToken(token);
        }
    }
}
