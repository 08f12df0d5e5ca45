package io.healthmonitor.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The demo as its users start it, with its defaults (embedded H2), probed over real HTTP. */
class SpringBootDemoTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesActuatorAndTheRunbookEndpointsFromTheEmbeddedDatabaseWithNoHealthCode() throws Exception {
        try (ConfigurableApplicationContext context = SpringApplication.run(SpringBootDemo.class, "--server.port=0")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpResponse<String> actuator = get(port, "/actuator/health");
            assertThat(actuator.statusCode()).as(actuator.body()).isEqualTo(200);
            assertThat(JSON.readTree(actuator.body()).get("status").asString()).isEqualTo("UP");
            JsonNode detailed = JSON.readTree(get(port, "/health/detailed").body());
            assertThat(detailed.get("overallStatus").asString()).isEqualTo("healthy");
            assertThat(detailed.findValuesAsString("name")).contains("db", "diskSpace", "ping");
            assertThat(get(port, "/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(port, "/health/ui").statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
