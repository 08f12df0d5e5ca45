package io.healthmonitor.spring;

import io.healthmonitor.CheckContext;
import io.healthmonitor.AsyncHealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.micrometer.HealthMetrics;
import io.healthmonitor.redis.RedisHealthCheck;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * {@link RedisHealthCheck} over Spring Data Redis's {@link LettuceConnectionFactory} (standalone
 * Redis): a probe connection of its own, on the factory's Lettuce client, to the factory's host,
 * port, database and credentials. The factory makes its client when it starts, so the check is made
 * at its first invocation after that. {@link #close()} closes the probe connection. Thread-safe.
 */
final class LettuceFactoryCheck implements AsyncHealthCheck, AutoCloseable {

    private final LettuceConnectionFactory factory;
    private final @Nullable HealthMetrics metrics;
    private @Nullable RedisHealthCheck check;

    LettuceFactoryCheck(LettuceConnectionFactory factory, @Nullable HealthMetrics metrics) {
        this.factory = factory;
        this.metrics = metrics;
    }

    @Override
    public CompletionStage<HealthResult> checkAsync(CheckContext context) throws Exception {
        RedisHealthCheck delegate = delegate();
        return delegate == null ? CompletableFuture.completedFuture(HealthResult.unhealthy("the Redis connection factory has not started"))
                : delegate.checkAsync(context);
    }

    private synchronized @Nullable RedisHealthCheck delegate() {
        if (check == null) {
            AbstractRedisClient client;
            try {
                client = factory.getNativeClient();
            } catch (IllegalStateException notStarted) {
                return null;
            }
            if (!(client instanceof RedisClient redis)) {
                throw new IllegalStateException("not a standalone Redis client: " + client.getClass().getName());
            }
            RedisURI.Builder uri = RedisURI.builder().withHost(factory.getHostName()).withPort(factory.getPort())
                    .withDatabase(factory.getDatabase()).withSsl(factory.isUseSsl());
            String password = factory.getPassword();
            String username = factory.getStandaloneConfiguration().getUsername();
            if (password != null && username != null) {
                uri.withAuthentication(username, password.toCharArray());
            } else if (password != null) {
                uri.withPassword(password.toCharArray());
            }
            RedisHealthCheck.Builder builder = RedisHealthCheck.builder(redis, uri.build());
            if (metrics != null) {
                builder.metrics(metrics);
            }
            check = builder.build();
        }
        return check;
    }

    @Override
    public synchronized void close() {
        if (check != null) {
            check.close();
        }
    }
}
