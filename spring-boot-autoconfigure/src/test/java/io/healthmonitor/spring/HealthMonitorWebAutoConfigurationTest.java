package io.healthmonitor.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.HealthResult;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.Endpoint;
import io.healthmonitor.http.EndpointRequest;
import io.healthmonitor.http.EndpointResponse;
import io.healthmonitor.http.Endpoints;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.core.Ordered;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

class HealthMonitorWebAutoConfigurationTest {

    private static final String TOKEN = "0123456789abcdef0123";

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HealthMonitorAutoConfiguration.class, HealthMonitorWebAutoConfiguration.class))
            .withBean("inventory", io.healthmonitor.HealthCheck.class, () -> context -> HealthResult.healthy());

    @AfterEach
    void clearSecurity() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void servesTheRunbookEndpointsOnAServletApplication() {
        web.withPropertyValues("healthmonitor.http.base-path=/manage").run(context -> {
            assertThat(context).hasBean("healthMonitorEndpointsFilter");
            assertThat(context.getBean(FilterRegistrationBean.class).getOrder()).isEqualTo(HealthMonitorWebAutoConfiguration.FILTER_ORDER);
            Endpoints endpoints = context.getBean(Endpoints.class);
            assertThat(endpoints.basePath()).isEqualTo("/manage");
            EndpointResponse health = endpoints.handle(EndpointRequest.builder("GET", "/manage/health").build());
            assertThat(health.status()).isEqualTo(200);
            assertThat(new String(health.body(), StandardCharsets.UTF_8)).contains("\"status\":\"healthy\"");
        });
    }

    @Test
    void detailsNeedTheTokenWhenOneIsSet() {
        web.withPropertyValues("healthmonitor.http.token=" + TOKEN).run(context -> {
            Authorizer authorizer = context.getBean(Authorizer.class);
            InetAddress loopback = InetAddress.getLoopbackAddress();
            assertThat(authorizer.authorize(EndpointRequest.builder("GET", "/health/detailed").remoteAddress(loopback).build()))
                    .isEqualTo(Authorizer.Decision.UNAUTHENTICATED);
            assertThat(authorizer.authorize(EndpointRequest.builder("GET", "/health/detailed")
                    .header("Authorization", List.of("Bearer " + TOKEN)).build())).isEqualTo(Authorizer.Decision.GRANTED);
        });
    }

    @Test
    void detailsAreForLoopbackCallersWithoutATokenOrSpringSecurity() throws Exception {
        InetAddress remote = InetAddress.getByAddress(new byte[] {10, 1, 2, 3});
        web.run(context -> {
            Authorizer authorizer = context.getBean(Authorizer.class);
            assertThat(authorizer.authorize(EndpointRequest.builder("GET", "/health/detailed")
                    .remoteAddress(InetAddress.getLoopbackAddress()).build())).isEqualTo(Authorizer.Decision.GRANTED);
            assertThat(authorizer.authorize(EndpointRequest.builder("GET", "/health/detailed").remoteAddress(remote).build()))
                    .isEqualTo(Authorizer.Decision.FORBIDDEN);
        });
    }

    @Test
    void endpointBeansAndAnAuthorizerOfTheApplicationsOwnAreUsed() {
        // A path under /health/ too, as the fleet module's /health/fleet: the health endpoints leave it alone.
        Endpoint version = request -> request.path().equals("/version") || request.path().equals("/health/fleet")
                ? EndpointResponse.of(200, EndpointResponse.JSON, "{}".getBytes(StandardCharsets.UTF_8)) : null;
        web.withBean(Endpoint.class, () -> version).withBean(Authorizer.class, Authorizer::always).run(context -> {
            Endpoints endpoints = context.getBean(Endpoints.class);
            assertThat(endpoints.handle(EndpointRequest.builder("GET", "/version").build()).status()).isEqualTo(200);
            assertThat(endpoints.handle(EndpointRequest.builder("GET", "/health/fleet").build()).status()).isEqualTo(200);
            assertThat(endpoints.handle(EndpointRequest.builder("GET", "/health/detailed").build()).status()).isEqualTo(200);
        });
    }

    @Test
    void servesTheRunbookEndpointsOnAReactiveApplicationOffTheEventLoop() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HealthMonitorAutoConfiguration.class, HealthMonitorWebAutoConfiguration.class))
                .withBean("inventory", io.healthmonitor.HealthCheck.class, () -> context -> HealthResult.healthy())
                .withPropertyValues("healthmonitor.http.base-path=/manage")
                .run(context -> {
                    assertThat(context).hasBean("healthMonitorEndpointsWebFilter").doesNotHaveBean("healthMonitorEndpointsFilter");
                    WebFilter filter = context.getBean("healthMonitorEndpointsWebFilter", WebFilter.class);
                    assertThat(((Ordered) filter).getOrder()).isEqualTo(HealthMonitorWebAutoConfiguration.FILTER_ORDER);

                    MockServerWebExchange health = MockServerWebExchange.from(MockServerHttpRequest.get("/manage/health"));
                    AtomicReference<@Nullable String> ranOn = new AtomicReference<>();
                    filter.filter(health, exchange -> Mono.error(new AssertionError("passed on"))).block(Duration.ofSeconds(10));
                    assertThat(health.getResponse().getStatusCode().value()).isEqualTo(200);
                    assertThat(health.getResponse().getBodyAsString().block(Duration.ofSeconds(10))).contains("\"status\":\"healthy\"");
                    assertThat(health.getResponse().getHeaders().getFirst("Cache-Control")).isEqualTo("no-store");

                    MockServerWebExchange other = MockServerWebExchange.from(MockServerHttpRequest.get("/manage/healthy"));
                    filter.filter(other, exchange -> {
                        ranOn.set("chain");
                        return Mono.empty();
                    }).block(Duration.ofSeconds(10));
                    assertThat(ranOn.get()).as("a path outside the router's passes on").isEqualTo("chain");
                });
    }

    @Test
    void aReactiveServerShowsDetailsToThePrincipalSpringSecurityAuthenticated() {
        Endpoints endpoints = Endpoints.builder().endpoint(request -> EndpointResponse.of(200, "text/plain",
                (SecurityContextHolder.getContext().getAuthentication() == null ? "nobody"
                        : SecurityContextHolder.getContext().getAuthentication().getName() + " on " + Thread.currentThread().getName())
                        .getBytes(StandardCharsets.UTF_8))).build();
        EndpointsWebFilter filter = new EndpointsWebFilter(endpoints, false);

        MockServerWebExchange anonymous = MockServerWebExchange.from(MockServerHttpRequest.get("/health/detailed"));
        filter.filter(anonymous, exchange -> Mono.empty()).block(Duration.ofSeconds(10));
        assertThat(anonymous.getResponse().getBodyAsString().block(Duration.ofSeconds(10))).isEqualTo("nobody");

        TestingAuthenticationToken operator = new TestingAuthenticationToken("operator", "secret", "ROLE_OPERATOR");
        MockServerWebExchange signedIn = MockServerWebExchange.builder(MockServerHttpRequest.get("/health/detailed"))
                .principal(operator).build();
        filter.filter(signedIn, exchange -> Mono.empty()).block(Duration.ofSeconds(10));
        assertThat(signedIn.getResponse().getBodyAsString().block(Duration.ofSeconds(10)))
                .as("the principal, on a thread of the bounded elastic scheduler").startsWith("operator on boundedElastic-");
    }

    @Test
    void nothingIsServedWhenSwitchedOffOrWithoutAServletServer() {
        web.withPropertyValues("healthmonitor.http.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean("healthMonitorEndpointsFilter").doesNotHaveBean(Endpoints.class));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HealthMonitorAutoConfiguration.class, HealthMonitorWebAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(Endpoints.class));
    }

    @Test
    void springSecurityGrantsTheAuthenticatedPrincipalWithTheRole() {
        SecurityAuthorizer anyone = new SecurityAuthorizer(null);
        SecurityAuthorizer operators = new SecurityAuthorizer("OPERATOR");
        EndpointRequest request = EndpointRequest.builder("GET", "/health/detailed").build();
        assertThat(anyone.authorize(request)).isEqualTo(Authorizer.Decision.UNAUTHENTICATED);
        TestingAuthenticationToken user = new TestingAuthenticationToken("ana", "secret", "ROLE_USER");
        SecurityContextHolder.getContext().setAuthentication(user);
        assertThat(anyone.authorize(request)).isEqualTo(Authorizer.Decision.GRANTED);
        assertThat(operators.authorize(request)).isEqualTo(Authorizer.Decision.FORBIDDEN);
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("bo", "secret", "ROLE_OPERATOR"));
        assertThat(operators.authorize(request)).isEqualTo(Authorizer.Decision.GRANTED);
    }
}
