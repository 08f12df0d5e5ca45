package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.healthmonitor.testsupport.RequiredServices;
import io.healthmonitor.testsupport.ServerProcess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo started in a JVM of its own, cold (no JIT, no TLS stack, no pool yet), with Redis, NATS
 * and a TLS endpoint that are all up: its very first {@code /health/detailed} shows no unhealthy
 * check. Each check's first invocation has its longer start-up deadline, and a report waits for it
 * no longer than its regular timeout.
 */
class DemoColdStartTest {

    @Test
    void firstDetailedReportOfAColdStartHasNoUnhealthyCheckWhenTheDependenciesAreUp() throws Exception {
        RequiredServices.assumeListening("Redis", "127.0.0.1", 6379);
        RequiredServices.assumeListening("NATS", "127.0.0.1", 4222);
        HttpsServer endpoint = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.setHttpsConfigurator(new HttpsConfigurator(
                SelfSignedCertificate.generate("partner", Duration.ofDays(365)).serverContext()));
        endpoint.start();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (ServerProcess demo = ServerProcess.start("demo", port -> List.of("env",
                "PORT=" + port, "REDIS_URL=redis://127.0.0.1:6379", "NATS_URL=nats://127.0.0.1:4222",
                "TLS_ENDPOINTS=127.0.0.1:" + endpoint.getAddress().getPort(),
                java, "-cp", System.getProperty("java.class.path"), DemoService.class.getName()))) {
            JsonNode first = new DemoClient(demo.port()).json("/health/detailed");

            assertThat(DemoClient.select(first, check -> check.get("status").asText().equals("unhealthy")))
                    .as("unhealthy checks in the first report of a cold start: %s", first).isEmpty();
            assertThat(first.get("checks")).extracting(check -> check.get("name").asText())
                    .contains("redis", "nats", "tls:127.0.0.1:" + endpoint.getAddress().getPort(), "tls-self", "database");
        } finally {
            endpoint.stop(0);
        }
    }
}
