package io.healthmonitor.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.micrometer.HealthMetrics;
import io.healthmonitor.testsupport.ServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps docs/checks-redis.md true: its snippet compiles and runs, and it names every option and detail key. */
class RedisDocumentationTest {

    private static final Path PAGE = Path.of("..", "docs", "checks-redis.md");
    private static final Path SELF = Path.of("src", "test", "java", "io", "healthmonitor", "redis", "RedisDocumentationTest.java");

    @Test
    void quickStartSnippetRuns() {
        try (ServerProcess server = PrivateRedis.start()) {
            RedisClient client = RedisClient.create();
            try (StatefulRedisConnection<String, String> connection = client.connect(PrivateRedis.uri(server.port()))) {
                HealthMetrics metrics = HealthMetrics.of(new SimpleMeterRegistry(), "credlink");
                // --- snippet: as in docs/checks-redis.md ---
                RedisHealthCheck redis = RedisHealthCheck.builder(connection)      // the application's connection
                        .metrics(metrics)                                          // HealthMetrics.of(meterRegistry, "credlink")
                        .build();
                HealthMonitor monitor = HealthMonitor.builder()
                        .register(CheckRegistration.builder("redis", redis).timeout(Duration.ofSeconds(1)).build())
                        .build();
                // --- end of snippet ---
                try (monitor) {
                    CheckResult result = monitor.report().checks().get(0);
                    assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
                }
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void ownConnectionSnippetRuns() throws InterruptedException {
        try (ServerProcess server = PrivateRedis.start()) {
            RedisClient client = RedisClient.create();
            String redisUrl = "redis://127.0.0.1:" + server.port();
            try {
                // --- snippet: as in docs/checks-redis.md ---
                RedisHealthCheck redis = RedisHealthCheck.of(client, RedisURI.create(redisUrl));   // a connection of its own
                HealthMonitor monitor = HealthMonitor.builder().register("redis", redis).build();
                assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
                assertThat(monitor.report().checks().get(0).status()).isEqualTo(HealthStatus.HEALTHY);
                // ... and when the application stops:
                monitor.close();
                redis.close();                                                      // closes the check's own connection
                // --- end of snippet ---
                assertThat(redis.toString()).isEqualTo("RedisHealthCheck[127.0.0.1:" + server.port() + "]");
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void pageShowsEverySnippetAsCompiledHere() throws IOException {
        String self = Files.readString(SELF);
        Matcher blocks = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(page());
        int count = 0;
        while (blocks.find()) {
            count++;
            blocks.group(1).lines().map(String::strip).filter(line -> !line.isEmpty())
                    .forEach(line -> assertThat(self).as("snippet line of docs/checks-redis.md compiled here").contains(line));
        }
        assertThat(count).as("java snippets on the page").isEqualTo(2);
    }

    @Test
    void pageNamesEveryBuilderOption() throws IOException {
        String page = page();
        Stream.of(RedisHealthCheck.Builder.class, RedisClusterHealthCheck.Builder.class)
                .flatMap(type -> Stream.of(type.getDeclaredMethods()))
                .filter(method -> Modifier.isPublic(method.getModifiers()) && !method.getName().equals("build"))
                .map(Method::getName)
                .forEach(option -> assertThat(page).as("option %s documented", option).contains("`" + option + "("));
    }

    @Test
    void pageNamesEveryDetailKeyAndMeter() throws IOException {
        String page = page();
        List.of("pingLatencyMillis", "info", "redisVersion", "mode", "role", "masterLinkStatus", "connectedReplicas",
                "uptimeSeconds", "usedMemoryBytes", "maxMemoryBytes", "memoryUsedRatio", "maxMemoryPolicy",
                "connectedClients", "blockedClients", "rejectedConnections", "evictedKeys", "oomErrors",
                "clusterState", "slotsAssigned", "slotsOk", "slotsPfail", "slotsFail", "knownNodes", "clusterSize",
                "credlink_redis_connection_errors_total", "credlink.redis.ping.latency")
                .forEach(key -> assertThat(page).as("%s documented", key).contains("`" + key + "`"));
    }

    private static String page() throws IOException {
        return Files.readString(PAGE);
    }
}
