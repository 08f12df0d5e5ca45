package io.healthmonitor.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.HealthMonitor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * With {@code NATS_URL} pointing at a port where nothing listens, the demo still starts and serves
 * its health: the {@code nats} check says it is not connected, and it is the only check that is not
 * healthy.
 */
@SpringBootTest(classes = SpringBootDemo.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringBootDemoNatsDownTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @Autowired
    private HealthMonitor monitor;

    @DynamicPropertySource
    static void deadNats(DynamicPropertyRegistry registry) throws IOException {
        int dead;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = socket.getLocalPort();   // closed again: nothing listens there
        }
        int port = dead;
        registry.add("NATS_URL", () -> "nats://127.0.0.1:" + port);
    }

    @Test
    void startsAndReportsNatsNotConnected() throws Exception {
        // The first invocation waits for the connect within its start-up deadline: until then "not yet checked".
        assertThat(monitor.awaitReady(Duration.ofSeconds(30))).as("first results within 30 s").isTrue();
        JsonNode nats = nats();
        assertThat(nats.get("status").asString()).as(nats.toString()).isEqualTo("unhealthy");
        assertThat(nats.get("message").asString()).startsWith("not connected to NATS at nats://127.0.0.1:")
                .endsWith("yet: connecting in the background");
    }

    private JsonNode nats() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health/detailed")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return StreamSupport.stream(JSON.readTree(response.body()).get("checks").spliterator(), false)
                .filter(check -> "nats".equals(check.get("name").asString())).findFirst().orElseThrow();
    }
}
