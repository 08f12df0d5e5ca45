package io.healthmonitor.examples.springboot;

import io.healthmonitor.micrometer.HealthMetrics;
import io.healthmonitor.redis.RedisHealthCheck;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The demo service as a Spring Boot application with {@code healthmonitor-spring-boot-starter}:
 * no health code but the beans of the Redis and NATS checks, which connect in the background. The starter checks the {@code DataSource}
 * ({@code DATABASE_URL}, else an embedded H2 database) and Boot's own indicators; {@code NATS_URL} adds a
 * {@code nats} check on a connection made in the background (NATS may be down at start); {@code REDIS_URL} adds a
 * {@code redis} check with a connection of its own, as in the plain demo;
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

    /**
     * Redis when {@code REDIS_URL} is set, such as {@code redis://127.0.0.1:6379}. The check keeps a
     * connection of its own that it makes at its first probe and remakes after Redis closed it, so
     * the application starts, and reports {@code redis} down, while Redis is down or does not answer;
     * an application connection ({@code client.connect()}) would fail the start instead.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("REDIS_URL")
    static class Redis {

        @Bean(destroyMethod = "shutdown")
        RedisClient redisClient() {
            return RedisClient.create();
        }

        @Bean
        RedisHealthCheck redis(RedisClient client, Environment environment, ObjectProvider<HealthMetrics> metrics) {
            RedisURI uri;
            try {
                uri = RedisURI.create(environment.getRequiredProperty("REDIS_URL"));
            } catch (IllegalArgumentException e) { // Lettuce's message quotes the URL, password included
                throw new IllegalArgumentException("REDIS_URL is not a Redis URL such as redis://:password@host:6379");
            }
            RedisHealthCheck.Builder builder = RedisHealthCheck.builder(client, uri);
            metrics.ifAvailable(builder::metrics);
            return builder.build();
        }
    }

    /** NATS when {@code NATS_URL} is set, such as {@code nats://127.0.0.1:4222}; up or down at start. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("NATS_URL")
    static class Messaging {

        @Bean(destroyMethod = "close")
        BackgroundNatsCheck nats(Environment environment) throws InterruptedException {
            return BackgroundNatsCheck.connect(environment.getRequiredProperty("NATS_URL"));
        }
    }
}
