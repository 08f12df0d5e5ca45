package io.healthmonitor.examples.webflux;

import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A WebFlux application on Reactor Netty with the starter: its {@link HealthCheck} beans (and
 * Actuator's indicators) run on the monitor, and the runbook endpoints ({@code /health},
 * {@code /health/detailed}, ...) are served beside the application's own routes, by a web filter
 * that runs every report off the event loop. Details go to loopback callers, or to callers with the
 * token when {@code healthmonitor.http.token} is set.
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
    HealthCheck inventory() {
        return context -> HealthResult.healthy().withDetails(Map.of("warehouses", 3));
    }
}
