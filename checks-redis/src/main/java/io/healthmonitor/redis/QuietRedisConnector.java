package io.healthmonitor.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Makes the connection a {@link RedisHealthCheck} owns, through a Lettuce client of the check's own
 * that shares the application's client resources (its threads) and takes its client options (TLS,
 * protocol, socket options), with three changes:
 *
 * <ul>
 *   <li>no auto-reconnect: Lettuce's {@code ConnectionWatchdog} would retry in the background and
 *       log {@code Reconnecting...} and {@code Cannot reconnect...} every few seconds for as long as
 *       Redis is down. A closed connection is replaced at the next probe instead, and
 *       {@link ConnectionStateLog} logs the outage once;</li>
 *   <li>each attempt's TCP connect and handshake are bounded by the probe's own time;</li>
 *   <li>no Lettuce command timeout: every command of a probe is bounded by the probe itself.</li>
 * </ul>
 *
 * <p>The application's client is never reconfigured or shut down. Thread-safe: one lock around
 * the own client, held only to start an attempt.
 */
final class QuietRedisConnector implements ProbeConnection.Connector<StatefulRedisConnection<?, ?>> {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

    private final RedisClient application;
    private final RedisURI uri;
    private @Nullable RedisClient own;
    private boolean closed;

    QuietRedisConnector(RedisClient application, RedisURI uri) {
        this.application = application;
        this.uri = uri;
    }

    @Override
    public synchronized CompletionStage<StatefulRedisConnection<String, String>> connect(Duration timeout) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the health check is closed"));
        }
        RedisClient client = own;
        if (client == null) {
            client = RedisClient.create(application.getResources());
            own = client;
        }
        ClientOptions options = application.getOptions();
        client.setOptions(options.mutate()
                .autoReconnect(false)
                .socketOptions(options.getSocketOptions().mutate().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                .build());
        return client.connectAsync(StringCodec.UTF8, RedisURI.builder(uri).withTimeout(timeout).build());
    }

    @Override
    public boolean usable(StatefulRedisConnection<?, ?> connection) {
        return connection.isOpen();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (own != null) {
            // Its resources are the application's: this closes the client's channels, not its threads.
            own.shutdownAsync(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
