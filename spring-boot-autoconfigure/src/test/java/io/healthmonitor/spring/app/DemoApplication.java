package io.healthmonitor.spring.app;

import io.healthmonitor.http.Endpoint;
import io.healthmonitor.http.EndpointResponse;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A Spring Boot application as a user would write it: Actuator, PostgreSQL, Redis and NATS, ten
 * indicators of 50 ms and one that hangs on demand, an endpoint bean of its own and a route of its
 * own. Nothing of Health Monitor is configured in code.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DemoApplication {

    /** How many slow indicators there are. */
    public static final int SLOW = 10;
    /** Slow indicators running right now, and the most that ever ran at once. */
    public static final AtomicInteger inFlight = new AtomicInteger();
    public static final AtomicInteger maxInFlight = new AtomicInteger();
    /** Every slow indicator waits (bounded) until all of a round have started: they finish only if they run at once. */
    public static final AtomicReference<CountDownLatch> round = new AtomicReference<>(new CountDownLatch(SLOW));
    /** Makes the {@code hanging} indicator hang until interrupted. */
    public static final AtomicBoolean hang = new AtomicBoolean();

    @Bean(destroyMethod = "close")
    Connection natsConnection() throws Exception {
        return Nats.connect("nats://127.0.0.1:4222");
    }

    /** An endpoint bean outside the runbook paths, as a MetricsEndpoint or CorimEndpoints bean would be. */
    @Bean
    Endpoint versionEndpoint() {
        return request -> request.path().equals("/api/v1/version")
                ? EndpointResponse.of(200, EndpointResponse.JSON, "{\"version\":\"1.4.2\"}".getBytes(StandardCharsets.UTF_8))
                : null;
    }

    /** The application's own route: a form post, which the container parses only from a body nobody read before. */
    @Bean
    RouterFunction<ServerResponse> orders() {
        return RouterFunctions.route().POST("/orders", request -> ServerResponse.status(201)
                .body("stored " + request.param("item").orElse("nothing"))).build();
    }

    @Bean
    HealthIndicator hangingHealthIndicator() {
        return () -> {
            if (hang.get()) {
                try {
                    Thread.sleep(TimeUnit.MINUTES.toMillis(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Health.up().build();
        };
    }

    @Bean
    static BeanDefinitionRegistryPostProcessor slowIndicators() {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                for (int i = 0; i < SLOW; i++) {
                    registry.registerBeanDefinition("slow" + i + "HealthIndicator",
                            new RootBeanDefinition(HealthIndicator.class, DemoApplication::slowIndicator));
                }
            }
        };
    }

    private static HealthIndicator slowIndicator() {
        return () -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                CountDownLatch latch = round.get();
                latch.countDown();
                boolean together = latch.await(2, TimeUnit.SECONDS);
                Thread.sleep(50);
                return together ? Health.up().build() : Health.down().withDetail("error", "ran alone").build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.down().build();
            } finally {
                inFlight.decrementAndGet();
            }
        };
    }
}
