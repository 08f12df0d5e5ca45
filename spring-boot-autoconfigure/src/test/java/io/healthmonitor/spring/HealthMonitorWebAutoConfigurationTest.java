package io.healthmonitor.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.HealthResult;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.Endpoint;
import io.healthmonitor.http.EndpointRequest;
import io.healthmonitor.http.EndpointResponse;
import io.healthmonitor.http.Endpoints;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

class HealthMonitorWebAutoConfigurationTest {

    private static final String TOKEN = "0123456789abcdef0123";

    /** An endpoint bean of the application's own, outside the runbook paths. */
    private static final Endpoint VERSION = request -> request.path().equals("/version")
            ? EndpointResponse.of(200, EndpointResponse.JSON, "{\"version\":\"1.4.2\"}".getBytes(StandardCharsets.UTF_8)) : null;

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
    void endpointBeansAreServedThroughTheServletFilterAndOtherPathsReachTheApplication() throws Exception {
        // The router served /version, but the filter handed it only /health/*: GET /version reached
        // the application (404), so MetricsEndpoint, ExpiringCertificatesEndpoint or CorimEndpoints
        // beans were never served, as docs/spring-boot.md says they are.
        web.withBean(Endpoint.class, () -> VERSION).withBean(Authorizer.class, Authorizer::always)
                .withPropertyValues("healthmonitor.http.base-path=/manage").run(context -> {
                    Filter filter = context.getBean(FilterRegistrationBean.class).getFilter();

                    MockHttpServletResponse served = new MockHttpServletResponse();
                    MockFilterChain notCalled = new MockFilterChain();
                    filter.doFilter(new MockHttpServletRequest("GET", "/manage/version"), served, notCalled);
                    assertThat(notCalled.getRequest()).as("answered by the endpoint bean, not passed on").isNull();
                    assertThat(served.getStatus()).isEqualTo(200);
                    assertThat(served.getContentAsString()).isEqualTo("{\"version\":\"1.4.2\"}");
                    assertThat(served.getHeader("Cache-Control")).isEqualTo("no-store");

                    MockHttpServletResponse head = new MockHttpServletResponse();
                    filter.doFilter(new MockHttpServletRequest("HEAD", "/manage/version"), head, new MockFilterChain());
                    assertThat(head.getStatus()).isEqualTo(200);
                    assertThat(head.getContentLength()).isEqualTo("{\"version\":\"1.4.2\"}".length());
                    assertThat(head.getContentAsByteArray()).isEmpty();

                    for (String path : List.of("/manage/orders", "/version", "/orders")) {
                        MockHttpServletRequest post = new MockHttpServletRequest("POST", path);
                        post.setContentType("text/plain");
                        post.setContent("order 7".getBytes(StandardCharsets.UTF_8));
                        MockHttpServletResponse app = new MockHttpServletResponse();
                        MockFilterChain application = new MockFilterChain(new OrdersServlet());
                        filter.doFilter(post, app, application);
                        assertThat(application.getRequest()).as("%s reaches the application", path).isNotNull();
                        assertThat(app.getStatus()).isEqualTo(201);
                        assertThat(app.getContentAsString()).isEqualTo("stored order 7");
                        assertThat(app.getHeaderNames()).as("none of the router's headers").doesNotContain("Cache-Control");
                    }
                });
    }

    /** The application's own servlet: reads its body with getReader(), which throws once anything called getInputStream(). */
    private static final class OrdersServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String body = request.getReader().readLine();
            response.setStatus(201);
            response.getWriter().write("stored " + body);
        }
    }

    @Test
    void endpointBeansAreServedThroughTheWebFilterAndOtherPathsReachTheApplication() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HealthMonitorAutoConfiguration.class, HealthMonitorWebAutoConfiguration.class))
                .withBean(Endpoint.class, () -> VERSION).withBean(Authorizer.class, Authorizer::always)
                .run(context -> {
                    WebFilter filter = context.getBean("healthMonitorEndpointsWebFilter", WebFilter.class);
                    MockServerWebExchange version = MockServerWebExchange.from(MockServerHttpRequest.get("/version"));
                    filter.filter(version, exchange -> Mono.error(new AssertionError("passed on"))).block(Duration.ofSeconds(10));
                    assertThat(version.getResponse().getStatusCode().value()).isEqualTo(200);
                    assertThat(version.getResponse().getBodyAsString().block(Duration.ofSeconds(10))).isEqualTo("{\"version\":\"1.4.2\"}");

                    MockServerWebExchange orders = MockServerWebExchange.from(MockServerHttpRequest.post("/orders").body("order 7"));
                    AtomicReference<@Nullable String> body = new AtomicReference<>();
                    filter.filter(orders, exchange -> exchange.getRequest().getBody().next()
                            .doOnNext(buffer -> body.set(buffer.toString(StandardCharsets.UTF_8))).then())
                            .block(Duration.ofSeconds(10));
                    assertThat(body.get()).as("passed on with its body").isEqualTo("order 7");
                    assertThat(orders.getResponse().getHeaders().getFirst("Cache-Control")).isNull();
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
        EndpointsWebFilter filter = new EndpointsWebFilter(endpoints, false, ApplicationEndpoints.none(), exchange -> Mono.just(false));

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
        assertThat(anyone.authorize(request)).as("Spring Security's entry point challenges").isEqualTo(Authorizer.Decision.CHALLENGE_BY_SERVER);
        TestingAuthenticationToken user = new TestingAuthenticationToken("ana", "secret", "ROLE_USER");
        SecurityContextHolder.getContext().setAuthentication(user);
        assertThat(anyone.authorize(request)).isEqualTo(Authorizer.Decision.GRANTED);
        assertThat(operators.authorize(request)).isEqualTo(Authorizer.Decision.FORBIDDEN);
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("bo", "secret", "ROLE_OPERATOR"));
        assertThat(operators.authorize(request)).isEqualTo(Authorizer.Decision.GRANTED);
    }
}
