package io.healthmonitor.examples.springboot;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The demo service as a Spring Boot application with {@code healthmonitor-spring-boot-starter}:
 * no health code at all. The starter checks the {@code DataSource} ({@code DATABASE_URL}, else an
 * embedded H2 database), the Redis connection ({@code REDIS_URL}) and the NATS connection
 * ({@code NATS_URL}) that this class makes when their variables are set, and Boot's own indicators;
 * {@code /actuator/health} and {@code /health/detailed} serve them. Run it with
 * {@code java -jar healthmonitor-examples-spring-boot-*.jar}.
 */
@SpringBootApplication
public class SpringBootDemo {

    /**
     * Starts the demo.
     *
     * @param args Spring Boot arguments, such as {@code --server.port=0}
     */
    public static void main(String[] args) {
        SpringApplication.run(SpringBootDemo.class, args);
    }

    /** Redis when {@code REDIS_URL} is set, such as {@code redis://127.0.0.1:6379}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("REDIS_URL")
    static class Redis {

        @Bean(destroyMethod = "shutdown")
        RedisClient redisClient(Environment environment) {
            return RedisClient.create(environment.getRequiredProperty("REDIS_URL"));
        }

        @Bean(destroyMethod = "close")
        StatefulRedisConnection<String, String> redisConnection(RedisClient client) {
            return client.connect();
        }
    }

    /** NATS when {@code NATS_URL} is set, such as {@code nats://127.0.0.1:4222}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("NATS_URL")
    static class Messaging {

        @Bean(destroyMethod = "close")
        Connection natsConnection(Environment environment) throws Exception {
            return Nats.connect(Options.builder().server(environment.getRequiredProperty("NATS_URL"))
                    .connectionTimeout(Duration.ofSeconds(2)).maxReconnects(-1).build());
        }
    }
}
