package io.healthmonitor.examples.webflux;

import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A WebFlux application on Reactor Netty with the starter, behind Spring Security: its
 * {@link HealthCheck} beans (and Actuator's indicators) run on the monitor, and the runbook
 * endpoints ({@code /health}, {@code /health/detailed}, ...) are served beside the application's own
 * routes, by a web filter that runs after Spring Security's and runs every report off the event
 * loop. The health paths are open to everyone, so that probes need no credentials; details are for
 * a principal Spring Security authenticated with the role of {@code healthmonitor.http.role}
 * (OPERATOR; application.properties). The two users (HTTP Basic, passwords in the code) stand for
 * the application's identity provider.
 */
@SpringBootApplication
public class WebFluxApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot's arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(WebFluxApplication.class, args);
    }

    @Bean
    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/ping", request -> ServerResponse.ok().bodyValue("pong"))
                .build();
    }

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http) {
        return http.authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/health", "/health/**", "/actuator/health", "/actuator/health/**", "/ping").permitAll()
                        .anyExchange().authenticated())
                .httpBasic(Customizer.withDefaults())
                // Stateless HTTP Basic, no session cookie for a forged request to ride on.
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .build();
    }

    @Bean
    MapReactiveUserDetailsService users() {
        return new MapReactiveUserDetailsService(
                User.withUsername("operator").password("{noop}operator-password").roles("OPERATOR").build(),
                User.withUsername("viewer").password("{noop}viewer-password").roles("VIEWER").build());
    }

    @Bean
    HealthCheck inventory() {
        return context -> HealthResult.healthy().withDetails(Map.of("warehouses", 3));
    }
}
