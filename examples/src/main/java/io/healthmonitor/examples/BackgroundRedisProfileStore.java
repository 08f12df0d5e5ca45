package io.healthmonitor.examples;

import io.healthmonitor.Redactor;
import io.healthmonitor.corim.CorimValidationResult;
import io.healthmonitor.corim.service.CorimProfileStore;
import io.healthmonitor.corim.service.CorimStoreException;
import io.healthmonitor.corim.service.ProfilePage;
import io.healthmonitor.corim.service.RedisCorimProfileStore;
import io.healthmonitor.corim.service.StoredProfile;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's CoRIM profile store in Redis, connected in the background: Redis down or blackholed
 * at start-up never delays the service. An operation waits for a connect in progress as long as a
 * Redis command may take ({@link #WAIT_FOR_CONNECT}): a connect merely in progress at start-up is no
 * failure. Without a connection after that, it is a {@link CorimStoreException} (uploads answer 503,
 * the {@code corim-profiles} check is unhealthy), and it starts a new connect attempt if none runs; nothing is kept elsewhere, so no
 * profile lives only in memory while the runbooks look for it in Redis.
 */
final class BackgroundRedisProfileStore implements CorimProfileStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundRedisProfileStore.class);
    /** How long an operation waits for a connect in progress: the store's own command timeout. */
    static final Duration WAIT_FOR_CONNECT = RedisCorimProfileStore.DEFAULT_COMMAND_TIMEOUT;

    private final RedisClient client;
    private final RedisURI uri;
    private final String maskedUri;
    private final Consumer<CorimProfileStore> onConnected;
    private final AtomicReference<@Nullable RedisCorimProfileStore> store = new AtomicReference<>();
    private final AtomicReference<@Nullable StatefulRedisConnection<String, String>> connection = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<?>> attempt = new AtomicReference<>(CompletableFuture.completedFuture(null));
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicBoolean warned = new AtomicBoolean();
    /** Why the last connect attempt failed, redacted; null when it did not (yet). */
    private volatile @Nullable String lastFailure;
    private volatile boolean closed;

    private BackgroundRedisProfileStore(RedisClient client, RedisURI uri, Consumer<CorimProfileStore> onConnected) {
        this.client = client;
        this.uri = uri;
        this.maskedUri = String.valueOf(Redactor.redact(uri.toString()));
        this.onConnected = onConnected;
    }

    /**
     * Starts connecting and returns at once.
     *
     * @param client      the demo's client
     * @param uri         where the profiles live
     * @param onConnected run once, off Lettuce's threads, with the store when it first connects
     * @return the store
     */
    static BackgroundRedisProfileStore connect(RedisClient client, RedisURI uri, Consumer<CorimProfileStore> onConnected) {
        BackgroundRedisProfileStore profiles = new BackgroundRedisProfileStore(client, uri, onConnected);
        profiles.connectIfIdle();
        return profiles;
    }

    private void connectIfIdle() {
        if (closed || store.get() != null || !connecting.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt.set(done);
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((made, failure) -> {
            try {
                attempted(made, failure);
            } finally {
                done.complete(null);
            }
        });
    }

    /** The end of a connect attempt: the store from now on, or a failure logged once per outage. */
    private void attempted(@Nullable StatefulRedisConnection<String, String> made, @Nullable Throwable failure) {
        if (failure != null || closed) {
            if (made != null) {
                made.closeAsync();
            }
            if (failure != null) {
                lastFailure = cause(failure);
                if (warned.compareAndSet(false, true)) {
                    LOG.warn("CoRIM profile store: Redis at {} unreachable, retrying on the next request: {}", maskedUri,
                            lastFailure);
                }
            }
            connecting.set(false);
            return;
        }
        lastFailure = null;
        connection.set(made);
        RedisCorimProfileStore connected = RedisCorimProfileStore.builder(made).build();
        store.set(connected);
        connecting.set(false);
        if (warned.getAndSet(false)) {
            LOG.info("CoRIM profile store: connected to Redis at {}", maskedUri);
        }
        // The first use blocks on Redis: never on Lettuce's event loop, which would answer it.
        Thread first = new Thread(() -> onConnected.accept(connected), "demo-corim-store");
        first.setDaemon(true);
        first.start();
    }

    private CorimProfileStore connected() {
        RedisCorimProfileStore current = store.get();
        if (current == null) {
            connectIfIdle();
            String why = " within " + WAIT_FOR_CONNECT.toMillis() + " ms";
            try {
                attempt.get().get(WAIT_FOR_CONNECT.toNanos(), TimeUnit.NANOSECONDS);
                String failed = lastFailure;
                if (failed != null) {
                    why = ": " + failed;   // the attempt ended: say how, not how long it was waited for
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // not connected within the wait
            }
            current = store.get();
            if (current == null) {
                throw new CorimStoreException("not connected to Redis at " + maskedUri + why, null);
            }
        }
        return current;
    }

    /**
     * The innermost cause of a failed connect, redacted ("Connection refused: /127.0.0.1:6380"):
     * Lettuce's own wrapper names the address in its resolver's words ({@code 127.0.0.1/<unresolved>:6380}).
     */
    private static String cause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(Redactor.redact(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()));
    }

    @Override
    public StoredProfile put(byte[] corim, CorimValidationResult result) {
        return connected().put(corim, result);
    }

    @Override
    public Optional<StoredProfile> get(String id) {
        return connected().get(id);
    }

    @Override
    public Optional<byte[]> content(String id) {
        return connected().content(id);
    }

    @Override
    public List<StoredProfile> list() {
        return connected().list();
    }

    @Override
    public ProfilePage page(@Nullable String after, int limit) {
        return connected().page(after, limit);
    }

    @Override
    public boolean delete(String id) {
        return connected().delete(id);
    }

    @Override
    public int count() {
        return connected().count();
    }

    @Override
    public void close() {
        closed = true;
        StatefulRedisConnection<String, String> made = connection.get();
        if (made != null) {
            made.close();
        }
    }
}
