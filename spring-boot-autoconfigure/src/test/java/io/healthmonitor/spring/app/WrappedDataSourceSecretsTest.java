package io.healthmonitor.spring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.healthmonitor.testsupport.RequiredServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The credentials Boot knows ({@code spring.datasource.password}, the password in
 * {@code spring.datasource.url}) never reach {@code /health/detailed}, {@code /actuator/health} or
 * the log when the application's {@code DataSource} hides them from the check and the driver
 * echoes them in a form no pattern recognises. Real applications on random ports, real HTTP, real
 * MariaDB and PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
class WrappedDataSourceSecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void thePasswordInTheUrlIsMaskedWhereMariaDbEchoesIt(CapturedOutput output) throws Exception {
        // MariaDB's driver reads "root:<password>@127.0.0.1:3306" as host "root" and port "<password>@127.0.0.1".
        RequiredServices.assumeListening("MariaDB", "127.0.0.1", 3306);
        String secret = "Sup3rSecretPW";

        JsonNode db = unhealthyDb(output, secret, "spring.datasource.url=jdbc:mariadb://root:" + secret + "@127.0.0.1:3306/test");

        assertThat(db.get("message").asString()).isEqualTo("connection failed: Incorrect port value : ***@127.0.0.1");
    }

    @Test
    void thePasswordPropertyIsMaskedWhereTheDriverEchoesIt(CapturedOutput output) throws Exception {
        RequiredServices.assumeListening("MariaDB", "127.0.0.1", 3306);
        String secret = "Pr0pertySecret";

        JsonNode db = unhealthyDb(output, secret, "spring.datasource.url=jdbc:mariadb://127.0.0.1:3306/test",
                "spring.datasource.username=root", "spring.datasource.password=" + secret,
                "app.datasource.credentials-in-url=true");

        assertThat(db.get("message").asString()).isEqualTo("connection failed: Incorrect port value : ***@127.0.0.1");
    }

    @Test
    void aPasswordWithASpaceIsMaskedWherePostgresTakesItForAHost(CapturedOutput output) throws Exception {
        // pgjdbc takes "postgres:correct horse@127.0.0.1" for a host name it cannot resolve.
        RequiredServices.assumeListening("PostgreSQL", "127.0.0.1", 5432);

        JsonNode db = unhealthyDb(output, "horse",
                "spring.datasource.url=jdbc:postgresql://postgres:correct horse@127.0.0.1:5432/test");

        assertThat(db.get("message").asString()).isEqualTo("unknown host: The connection attempt failed. (***@127.0.0.1)");
    }

    /** The {@code db} check of {@code /health/detailed}, unhealthy, after asserting that no output shows {@code secret}. */
    private JsonNode unhealthyDb(CapturedOutput output, String secret, String... properties) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WrappedDataSourceApplication.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.data.redis.port=6379",
                        "management.endpoint.health.show-details=always", "healthmonitor.defaults.cache-ttl=0s")
                .properties(properties).run()) {
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            HttpResponse<String> detailed = get(port, "/health/detailed");
            HttpResponse<String> actuator = get(port, "/actuator/health/db");
            // The monitor logs the check's first result on a listener thread.
            await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().contains("health check 'db' first result"));

            assertThat(detailed.body()).doesNotContain(secret);
            assertThat(actuator.body()).doesNotContain(secret);
            assertThat(output.getAll()).doesNotContain(secret);
            JsonNode db = null;
            for (JsonNode check : JSON.readTree(detailed.body()).get("checks")) {
                if (check.get("name").asString().equals("db")) {
                    db = check;
                }
            }
            assertThat(db).as(detailed.body()).isNotNull();
            assertThat(db.get("status").asString()).as(db.toString()).isEqualTo("unhealthy");
            return db;
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
