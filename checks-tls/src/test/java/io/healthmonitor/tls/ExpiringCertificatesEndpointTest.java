package io.healthmonitor.tls;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.CheckContext;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.Endpoints;
import io.healthmonitor.http.JdkHttpHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static io.healthmonitor.tls.TestPki.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint over real HTTP, on a JDK HttpServer bound to 127.0.0.1 and an ephemeral port. */
class ExpiringCertificatesEndpointTest {

    private static final String TOKEN = "test-token-0123456789abcdef";
    private static final TestPki.Issued ROOT = TestPki.root("Test Root", Duration.ofDays(3650));

    @TempDir
    Path dir;

    private HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws IOException {
        Path file = dir.resolve("api.crt");
        Files.writeString(file, TestPki.pem(TestPki.leaf("api.example.com", ROOT, Duration.ofDays(5), "api.example.com")
                .certificate(), TestPki.leaf("later.example.com", ROOT, Duration.ofDays(20)).certificate()));
        CertificateExpiryHealthCheck api = CertificateExpiryHealthCheck.builder(CertificateSource.pemFile(file))
                .clock(CLOCK).build();
        CertificateExpiryHealthCheck idle = CertificateExpiryHealthCheck.builder(CertificateSource.pemFile(file))
                .clock(CLOCK).build();
        CertificateInventory inventory = CertificateInventory.builder().add("api-tls", api).add("idle-tls", idle)
                .clock(CLOCK).build();
        api.check(CheckContext.of("test", Duration.ofSeconds(5)));

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        JdkHttpHandler.of(Endpoints.of(ExpiringCertificatesEndpoint.of(inventory, Authorizer.bearerToken(TOKEN))))
                .mount(server);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> send(String method, String query, boolean authorized) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                        + "/api/v1/certificates/expiring" + query))
                .timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorized) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsCertificatesExpiringWithinTheRequestedDays() throws Exception {
        HttpResponse<String> response = send("GET", "?days=7", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        Map<String, Object> body = parse(response.body());
        assertThat(body).containsEntry("days", 7L).containsEntry("asOf", "2030-06-15T12:00:00Z").containsEntry("count", 1L)
                .containsEntry("pending", List.of("idle-tls"));
        @SuppressWarnings("unchecked")
        Map<String, Object> certificate = ((List<Map<String, Object>>) body.get("certificates")).get(0);
        assertThat(certificate).containsEntry("check", "api-tls")
                .containsEntry("source", dir.resolve("api.crt").toString())
                .containsEntry("subject", "CN=api.example.com,O=Health Monitor Tests")
                .containsEntry("issuer", "CN=Test Root,O=Health Monitor Tests")
                .containsEntry("subjectAlternativeNames", List.of("DNS:api.example.com"))
                .containsEntry("notAfter", "2030-06-20T12:00:00Z")
                .containsEntry("daysLeft", 5L)
                .containsKeys("serialNumber", "notBefore");
    }

    @Test
    void widensTheWindowWithDaysAndDefaultsTo30() throws Exception {
        assertThat(parse(send("GET", "?days=30", true).body())).containsEntry("count", 2L);
        assertThat(parse(send("GET", "", true).body())).containsEntry("days", 30L).containsEntry("count", 2L);
        assertThat(parse(send("GET", "?days=0", true).body())).containsEntry("count", 0L);
    }

    @Test
    void answersHeadWithHeadersOnly() throws Exception {
        HttpResponse<String> response = send("HEAD", "?days=7", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void refusesOtherMethodsWithAllow() throws Exception {
        HttpResponse<String> response = send("POST", "?days=7", true);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(parse(response.body())).containsEntry("error", "method not allowed");
    }

    @Test
    void refusesMediaTypesOtherThanJson() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.getAddress().getPort() + "/api/v1/certificates/expiring?days=7"))
                .timeout(Duration.ofSeconds(5)).header("Accept", "text/html").header("Authorization", "Bearer " + TOKEN)
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(response.body()).doesNotContain("example.com");
    }

    @Test
    void rejectsBadDaysWithAJsonError() throws Exception {
        for (String query : List.of("?days=abc", "?days=-1", "?days=99999", "?days=", "?days=1&days=2", "?days=1e3", "?days=+7")) {
            HttpResponse<String> response = send("GET", query, true);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(query).hasValue("application/json");
            assertThat(parse(response.body())).as(query)
                    .isEqualTo(Map.of("error", "days must be a whole number between 0 and 36500"));
        }
    }

    @Test
    void showsNothingToCallersTheAuthorizerDoesNotGrant() throws Exception {
        HttpResponse<String> anonymous = send("GET", "?days=7", false);
        HttpResponse<String> wrongToken = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.getAddress().getPort() + "/api/v1/certificates/expiring?days=7"))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer wrong-token-0123456789").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(anonymous.body()).doesNotContain("example.com");
        assertThat(parse(anonymous.body())).containsKey("error");
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(wrongToken.body()).doesNotContain("example.com");
    }

    @Test
    void answersAFailingAuthorizerWith500AndNoStackTrace() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        JdkHttpHandler.of(Endpoints.of(ExpiringCertificatesEndpoint.of(CertificateInventory.builder().build(), request -> {
            throw new IllegalStateException("authorizer exploded at io.example.Secret.method");
        }))).mount(other);
        other.start();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + other.getAddress().getPort() + ExpiringCertificatesEndpoint.PATH)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("{\"error\":\"internal error\"}");
        } finally {
            other.stop(0);
        }
    }

    /** Reads JSON into maps, lists, strings, longs and booleans with jackson-core's streaming parser. */
    static Map<String, Object> parse(String json) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            parser.nextToken();
            @SuppressWarnings("unchecked")
            Map<String, Object> value = (Map<String, Object>) read(parser);
            return value;
        }
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, read(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getLongValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return parser.getBooleanValue();
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }
}
