package io.healthmonitor.benchmarks.faults;

import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.CheckContext;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.corim.CorimValidator;
import io.healthmonitor.corim.service.CorimEndpoints;
import io.healthmonitor.corim.service.CorimProfilesHealthCheck;
import io.healthmonitor.corim.service.RedisCorimProfileStore;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.HealthEndpoints;
import io.healthmonitor.http.JdkHttpHandler;
import io.healthmonitor.jdbc.DataSourceHealthCheck;
import io.healthmonitor.nats.NatsConnectionHealthCheck;
import io.healthmonitor.redis.RedisHealthCheck;
import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testsupport.RequiredServices;
import io.healthmonitor.testsupport.ServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The service under fault: one {@link HealthMonitor} with the real checks (PostgreSQL behind a
 * {@link FaultProxy}, a private Redis with AOF, a private NATS, the CoRIM profile store on that
 * Redis, and a check that can be made to hang forever), served with the CoRIM endpoints on one
 * JDK {@link HttpServer} on 127.0.0.1. Skips (or fails when required) when PostgreSQL,
 * {@code redis-server} or {@code nats-server} is absent.
 */
final class FaultService implements AutoCloseable {

    /** Every check's deadline, so also the longest a report may wait. */
    static final Duration DEADLINE = Duration.ofSeconds(1);
    /** The monitor's bound on concurrently running checks. */
    static final int MAX_CONCURRENCY = 8;
    /** Request threads of the HTTP server: more than polling clients plus uploaders, so that no request queues. */
    static final int HTTP_THREADS = 24;
    static final String TOKEN = "fault-suite-token-0123456789";

    final ServerProcess redis;
    final ServerProcess nats;
    final FaultProxy database;
    final HangingCheck hang = new HangingCheck();
    final HttpServer server;
    final HealthMonitor monitor;
    final Path redisDirectory;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    private FaultService(ServerProcess redis, ServerProcess nats, FaultProxy database, Path redisDirectory)
            throws IOException, InterruptedException {
        this.redis = redis;
        this.nats = nats;
        this.database = database;
        this.redisDirectory = redisDirectory;
        resources.push(redis);
        resources.push(nats);
        resources.push(database);

        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://127.0.0.1:" + database.port() + "/test");
        dataSource.setUser("postgres");
        dataSource.setConnectTimeout(1);
        dataSource.setLoginTimeout(2);
        dataSource.setSocketTimeout(2);

        // The application's own client configuration: reconnect quickly once the server is back.
        ClientResources clientResources = ClientResources.builder()
                .reconnectDelay(Delay.constant(Duration.ofMillis(100))).build();
        resources.push(() -> clientResources.shutdown(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS));
        RedisClient client = RedisClient.create(clientResources);
        resources.push(() -> client.shutdown(0, 2, TimeUnit.SECONDS));
        RedisURI uri = RedisURI.builder().withHost("127.0.0.1").withPort(redis.port())
                .withTimeout(Duration.ofSeconds(1)).build();
        RedisHealthCheck redisCheck = RedisHealthCheck.of(client, uri);
        resources.push(redisCheck);
        StatefulRedisConnection<String, String> storeConnection = client.connect(uri);
        resources.push(storeConnection);
        RedisCorimProfileStore store = RedisCorimProfileStore.builder(storeConnection)
                .commandTimeout(Duration.ofMillis(800)).build();

        Connection natsConnection = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + nats.port())
                .connectionName("fault-suite").maxReconnects(-1).reconnectWait(Duration.ofMillis(100))
                .connectionTimeout(Duration.ofSeconds(1))
                // Quiet: jnats' default listener logs every failed reconnect (ten a second while
                // NATS is down) at SEVERE; the check reports the outage.
                .errorListener(new ErrorListener() { }).build());
        resources.push(natsConnection::close);

        monitor = HealthMonitor.builder().maxConcurrency(MAX_CONCURRENCY)
                .register(CheckRegistration.builder("database", DataSourceHealthCheck.of(dataSource))
                        .timeout(DEADLINE).build())
                .register(CheckRegistration.builder("redis", redisCheck).timeout(DEADLINE).build())
                .register(CheckRegistration.builder("nats", NatsConnectionHealthCheck.builder(natsConnection)
                        .gracePeriod(Duration.ofSeconds(1)).build())
                        .timeout(DEADLINE).critical(false).build())
                .register(CheckRegistration.builder("corim-profiles", CorimProfilesHealthCheck.builder(store).build())
                        .timeout(DEADLINE).build())
                .register(CheckRegistration.builder("hang", hang).timeout(DEADLINE).critical(false).build())
                .build();
        resources.push(monitor);

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService requestThreads = Executors.newFixedThreadPool(HTTP_THREADS, r -> {
            Thread t = new Thread(r, "fault-http-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        resources.push(requestThreads::shutdownNow);
        server.setExecutor(requestThreads);
        Authorizer authorizer = Authorizer.bearerToken(TOKEN);
        JdkHttpHandler.of(HealthEndpoints.builder(monitor).authorizer(authorizer).build(),
                CorimEndpoints.builder(CorimValidator.builder().build(), store).authorizer(authorizer).build()).mount(server);
        server.start();
        resources.push(() -> server.stop(0));
    }

    static FaultService start() throws IOException, InterruptedException {
        RequiredServices.assumeListening("PostgreSQL", "127.0.0.1", 5432);
        Path redisServer = RequiredServices.assumeCommand("redis-server");
        Path natsServer = RequiredServices.assumeCommand("nats-server");
        Path redisDirectory = Files.createTempDirectory("healthmonitor-faults-redis-");
        // AOF with fsync on every write: what survives a SIGKILL is exactly what Redis acknowledged.
        ServerProcess redis = ServerProcess.start("redis", port -> List.of(redisServer.toString(),
                "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
                "--appendfsync", "always", "--dir", redisDirectory.toString()));
        ServerProcess nats = null;
        FaultProxy proxy = null;
        try {
            nats = ServerProcess.start("nats-server", port -> List.of(natsServer.toString(), "-a", "127.0.0.1",
                    "-p", String.valueOf(port)));
            proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", 5432));
            return new FaultService(redis, nats, proxy, redisDirectory);
        } catch (IOException | InterruptedException | RuntimeException e) {
            redis.close();
            if (nats != null) {
                nats.close();
            }
            if (proxy != null) {
                proxy.close();
            }
            throw e;
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    RedisURI redisUri() {
        return RedisURI.builder().withHost("127.0.0.1").withPort(redis.port()).withTimeout(Duration.ofSeconds(2)).build();
    }

    @Override
    public void close() {
        hang.release();
        IllegalStateException failure = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (failure == null) {
                    failure = new IllegalStateException("could not close the fault service", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * A check that, once told to, hangs until released and ignores interrupts while it does: the
     * worst a check can do. Counts the threads inside it, so a test can see that no invocation
     * piles up behind a hung one.
     */
    static final class HangingCheck implements io.healthmonitor.HealthCheck {
        private final AtomicReference<CountDownLatch> gate = new AtomicReference<>();
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicInteger maxInside = new AtomicInteger();

        void hang() {
            maxInside.set(0);
            gate.set(new CountDownLatch(1));
        }

        void release() {
            CountDownLatch latch = gate.getAndSet(null);
            if (latch != null) {
                latch.countDown();
            }
        }

        int maxThreadsInside() {
            return maxInside.get();
        }

        @Override
        public HealthResult check(CheckContext context) {
            CountDownLatch latch = gate.get();
            if (latch == null) {
                return HealthResult.healthy();
            }
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                boolean interrupted = false;
                while (latch.getCount() > 0) {
                    try {
                        latch.await();
                    } catch (InterruptedException e) {
                        interrupted = true; // hangs "forever": the deadline's interrupt does not end it
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return HealthResult.healthy();
            } finally {
                inside.decrementAndGet();
            }
        }
    }
}
