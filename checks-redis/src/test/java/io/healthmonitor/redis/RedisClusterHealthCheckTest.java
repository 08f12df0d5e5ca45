package io.healthmonitor.redis;

import static io.healthmonitor.redis.RedisHealthCheckTest.probe;
import static io.healthmonitor.redis.RedisHealthCheckTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.micrometer.HealthMetrics;
import io.healthmonitor.testsupport.RequiredServices;
import io.healthmonitor.testsupport.ServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A three-master Redis Cluster of private redis-server processes, created with redis-cli. */
class RedisClusterHealthCheckTest {

    private static final Duration CONVERGENCE = Duration.ofSeconds(30);

    private final List<ServerProcess> nodes = new ArrayList<>();
    private RedisClusterClient clusterClient;

    @BeforeEach
    void startCluster() throws IOException, InterruptedException {
        Path redisCli = RequiredServices.assumeCommand("redis-cli");
        Path directory = Files.createTempDirectory("healthmonitor-redis-cluster-");
        for (int i = 0; i < 3; i++) {
            int busPort = ServerProcess.freePort();
            nodes.add(PrivateRedis.start("--cluster-enabled", "yes",
                    "--cluster-config-file", directory.resolve("nodes-" + i + ".conf").toString(),
                    "--cluster-port", String.valueOf(busPort), "--cluster-node-timeout", "1000",
                    "--dir", directory.toString()));
        }
        List<String> create = new ArrayList<>(List.of(redisCli.toString(), "--cluster", "create"));
        nodes.forEach(node -> create.add("127.0.0.1:" + node.port()));
        create.add("--cluster-yes");
        Process process = new ProcessBuilder(create).redirectErrorStream(true)
                .redirectOutput(directory.resolve("create.log").toFile()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("redis-cli --cluster create finished").isTrue();
        assertThat(process.exitValue()).as("redis-cli --cluster create, see %s", directory.resolve("create.log")).isZero();
        // Every node must see the whole cluster: Lettuce may ask any of them.
        RedisClient nodeClient = RedisClient.create();
        try {
            for (ServerProcess server : nodes) {
                try (StatefulRedisConnection<String, String> node = nodeClient.connect(PrivateRedis.uri(server.port()))) {
                    assertThat(PrivateRedis.eventually(CONVERGENCE, () -> {
                        String info = node.sync().clusterInfo();
                        return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:3")
                                && info.contains("cluster_size:3");
                    })).as("node %d converged", server.port()).isTrue();
                }
            }
        } finally {
            nodeClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        clusterClient = RedisClusterClient.create(PrivateRedis.uri(nodes.get(0).port()));
    }

    @AfterEach
    void stopCluster() {
        if (clusterClient != null) {
            clusterClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        nodes.forEach(ServerProcess::close);
    }

    @Test
    void reportsAHealthyClusterWithItsSlotsAndNodes() {
        try (RedisClusterHealthCheck check = RedisClusterHealthCheck.of(clusterClient)) {
            HealthResult result = probe(check);

            assertThat(result.status()).as(result.toString()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(result.details()).containsEntry("clusterState", "ok").containsEntry("slotsAssigned", 16384L)
                    .containsEntry("slotsOk", 16384L).containsEntry("slotsPfail", 0L).containsEntry("slotsFail", 0L)
                    .containsEntry("knownNodes", 3L).containsEntry("clusterSize", 3L);
            assertThat((double) result.details().get("pingLatencyMillis")).isPositive();
        }
    }

    @Test
    void reportsUnhealthyWhenAMasterFailsAndHealthyWhenItRejoins() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (StatefulRedisClusterConnection<String, String> connection = clusterClient.connect()) {
            RedisClusterHealthCheck check = RedisClusterHealthCheck.builder(connection)
                    .metrics(HealthMetrics.of(registry, "observatory")).build();
            assertThat(run(check).status()).isEqualTo(HealthStatus.HEALTHY);

            nodes.get(2).kill();
            assertThat(PrivateRedis.eventually(CONVERGENCE, () -> run(check).status() == HealthStatus.UNHEALTHY))
                    .as("cluster_state fail once the other masters mark the dead one failed").isTrue();
            CheckResult failed = run(check);
            assertThat(failed.message()).startsWith("cluster_state is fail: 16384 of 16384 slots assigned");
            assertThat(failed.details()).containsEntry("clusterState", "fail");
            assertThat((long) failed.details().get("slotsFail")).isPositive();
            assertThat(registry.get("observatory.redis.connection.errors").counter().count()).isZero();

            nodes.get(2).restart();
            assertThat(PrivateRedis.eventually(CONVERGENCE, () -> run(check).status() == HealthStatus.HEALTHY))
                    .as("healthy again once the node rejoins").isTrue();
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Test
    void reportsUnhealthyWithinTheDeadlineWhenEveryNodeIsDown() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RedisClusterHealthCheck check = RedisClusterHealthCheck.builder(clusterClient)
                .metrics(HealthMetrics.of(registry, "")).build()) {
            // The first probe starts the check's own connection (topology first), which may take
            // longer than one command timeout; later probes use it once it is there.
            assertThat(PrivateRedis.eventually(CONVERGENCE, () -> run(check).status() == HealthStatus.HEALTHY)).isTrue();
            double errorsBefore = registry.get("redis.connection.errors").counter().count();

            nodes.forEach(ServerProcess::kill);
            CheckResult result = run(check);

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            long waited = RedisHealthCheckTest.waitedMillis(result.message(), "no PONG from Redis within (\\d+) ms");
            assertThat(waited).as("the client timeout of the 2 s deadline (less 100 ms), less the wait for a worker")
                    .isBetween(1600L, 1900L);
            assertThat(result.responseTimeMillis()).isBetween(waited, 2000L);
            assertThat(registry.get("redis.connection.errors").counter().count()).isEqualTo(errorsBefore + 1);
        }
    }

    @Test
    void validatesItsConfiguration() {
        assertThatThrownBy(() -> RedisClusterHealthCheck.of((RedisClusterClient) null))
                .isInstanceOf(NullPointerException.class).hasMessage("client");
        assertThat(RedisClusterHealthCheck.builder(clusterClient).build()).hasToString("RedisClusterHealthCheck[own connection]");
    }
}
