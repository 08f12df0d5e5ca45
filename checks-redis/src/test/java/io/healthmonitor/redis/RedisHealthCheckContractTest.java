package io.healthmonitor.redis;

import io.healthmonitor.HealthCheck;
import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testing.HealthCheckContract;
import io.healthmonitor.testsupport.ServerProcess;
import io.lettuce.core.RedisClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract kit against private redis-server processes. Nothing is configured for the
 * blackholed dependency: the check's wait for its own connection is bounded by the context's
 * client timeout, so it reports "no connection ... within N ms" before the deadline.
 */
class RedisHealthCheckContractTest implements HealthCheckContract {

    private static RedisClient client;
    private static ServerProcess redis;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = PrivateRedis.start();
        client = RedisClient.create();
    }

    @AfterAll
    static void stopRedis() {
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void closeChecks() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Override
    public HealthCheck checkOfLiveDependency() {
        return closedAfterTheTest(RedisHealthCheck.of(client, PrivateRedis.uri(redis.port())));
    }

    @Override
    public HealthCheck checkOfUnreachableDependency() {
        return closedAfterTheTest(RedisHealthCheck.of(client, PrivateRedis.uri(ServerProcess.freePort())));
    }

    @Override
    public HealthCheck checkOfBlackholedDependency() {
        FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", redis.port()));
        opened.add(proxy);
        proxy.blackhole();
        return closedAfterTheTest(RedisHealthCheck.of(client, PrivateRedis.uri(proxy.port())));
    }

    private HealthCheck closedAfterTheTest(RedisHealthCheck check) {
        opened.add(check);
        return check;
    }
}
