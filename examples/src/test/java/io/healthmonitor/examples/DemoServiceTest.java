package io.healthmonitor.examples;

import static io.healthmonitor.examples.DemoClient.select;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Starts the demo on an ephemeral port and asks it what the runbooks ask. */
class DemoServiceTest {

    private static final String TOKEN = "demo-token-0123456789abcdef";

    @Test
    void answersTheRunbooksQueriesWithRealChecks() throws Exception {
        try (DemoService demo = DemoClient.startReady(Map.of("PORT", "0", "SERVICE_NAME", "credlink"))) {
            DemoClient http = new DemoClient(demo.port());
            HttpResponse<String> health = http.get("/health");
            assertThat(health.statusCode()).as("curl -f /health").isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"healthy\"");

            JsonNode detailed = http.json("/health/detailed");
            // jq '.overallStatus'
            assertThat(detailed.get("overallStatus").asText()).isEqualTo("healthy");
            // jq '.checks[] | select(.status == "unhealthy")'
            assertThat(select(detailed, check -> check.get("status").asText().equals("unhealthy"))).isEmpty();
            // jq '.checks[] | select(.responseTime > 5000)'
            assertThat(select(detailed, check -> check.get("responseTime").asDouble() > 5000)).isEmpty();
            assertThat(detailed.get("checks")).extracting(check -> check.get("name").asText())
                    .containsExactly("database", "disk", "memory", "tls-self", "corim-profiles");
            JsonNode database = select(detailed, check -> check.get("name").asText().equals("database")).get(0);
            assertThat(database.at("/details/database").asText()).isEqualTo("H2");
            assertThat(database.at("/details/pool/max").asInt()).isEqualTo(4);
            assertThat(database.get("responseTime").isNumber()).isTrue();

            String metrics = http.metricsShowing("credlink_health_check_response_time_seconds_count{check=\"database\"}");
            assertThat(metrics).contains("credlink_health_check_response_time_seconds_count{check=\"database\"}")
                    .contains("credlink_health_status ")
                    .contains("credlink_database_connections{pool=\"demo-db\",state=\"in_use\"}");
        }
    }

    @Test
    void failsCurlFAndSelectsTheDatabaseWhenTheDatabaseIsDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();   // nothing listens there once closed
        }
        try (DemoService demo = DemoClient.startReady(Map.of("PORT", "0",
                "DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/orders",
                "DATABASE_USER", "app", "DATABASE_PASSWORD", "hunter2-secret"))) {
            DemoClient http = new DemoClient(demo.port());
            assertThat(http.get("/health").statusCode()).as("curl -f /health fails").isEqualTo(503);

            JsonNode detailed = http.json("/health/detailed");
            assertThat(detailed.get("overallStatus").asText()).isEqualTo("unhealthy");
            assertThat(select(detailed, check -> check.get("status").asText().equals("unhealthy")))
                    .singleElement().satisfies(check -> {
                        assertThat(check.get("name").asText()).isEqualTo("database");
                        assertThat(check.at("/details/failure").asText()).isEqualTo("connection_refused");
                        assertThat(check.get("responseTime").asDouble()).isLessThan(5000);
                    });
            assertThat(http.get("/health/detailed").body()).doesNotContain("hunter2-secret");
            assertThat(http.get("/metrics").body())
                    .containsPattern("demo_database_connection_errors_total\\{pool=\"demo-db\"} [1-9]");
        }
    }

    @Test
    void servesDetailsOnlyWithTheBearerTokenWhenHealthTokenIsSet() throws Exception {
        try (DemoService demo = DemoClient.startReady(Map.of("PORT", "0", "HEALTH_TOKEN", TOKEN))) {
            DemoClient http = new DemoClient(demo.port());
            assertThat(http.get("/health/detailed").statusCode()).isEqualTo(401);
            assertThat(http.get("/health/detailed", "Authorization", "Bearer wrong-token-0123456789").statusCode())
                    .isEqualTo(403);
            assertThat(http.get("/health").body()).isEqualTo("{\"status\":\"healthy\"}");
            assertThat(http.get("/api/v1/certificates/expiring?days=7").statusCode()).isEqualTo(401);
            HttpResponse<String> detailed = http.get("/health/detailed", "Authorization", "Bearer " + TOKEN);
            assertThat(detailed.statusCode()).isEqualTo(200);
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(detailed.body())
                    .get("overallStatus").asText()).isEqualTo("healthy");
        }
    }

    @Test
    void listsTheCertificateItGeneratedOnTheCertificatesEndpoint() throws Exception {
        try (DemoService demo = DemoClient.startReady(Map.of("PORT", "0"))) {
            DemoClient http = new DemoClient(demo.port());
            // The certificate checks run in the background from start-up: wait (bounded) for the first reading.
            JsonNode year = awaitNothingPending(http, "/api/v1/certificates/expiring?days=365");
            assertThat(year.get("count").asInt()).isEqualTo(1);
            JsonNode certificate = year.get("certificates").get(0);
            assertThat(certificate.get("check").asText()).isEqualTo("tls-self");
            assertThat(certificate.get("subject").asText()).isEqualTo("CN=demo");
            assertThat(certificate.get("daysLeft").asInt()).isBetween(88, 90);
            assertThat(certificate.get("subjectAlternativeNames")).extracting(JsonNode::asText)
                    .containsExactly("DNS:localhost", "IP:127.0.0.1");
            assertThat(http.json("/api/v1/certificates/expiring?days=7").get("count").asInt()).isZero();
            assertThat(http.get("/metrics").body()).contains("demo_certificates_expiring_7d 0.0")
                    .contains("demo_certificates_expiring_30d 0.0");
        }
    }

    @Test
    void addsACheckPerTlsEndpointAndOneForCertificateFiles() throws Exception {
        try (DemoService tlsServer = DemoClient.startReady(Map.of("PORT", "0"))) {
            java.nio.file.Path pem = java.nio.file.Files.createTempFile("demo", ".crt");
            try {
                java.nio.file.Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(SelfSignedCertificate.generate("files", Duration.ofDays(20)).certificate().getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
                try (DemoService demo = DemoClient.startReady(Map.of("PORT", "0",
                        "TLS_ENDPOINTS", "127.0.0.1:" + tlsServer.tlsPort(), "CERT_PATHS", pem.toString()))) {
                    DemoClient http = new DemoClient(demo.port());
                    awaitNothingPending(http, "/api/v1/certificates/expiring?days=30");
                    JsonNode detailed = http.json("/health/detailed");
                    assertThat(detailed.get("checks")).extracting(check -> check.get("name").asText())
                            .contains("tls:127.0.0.1:" + tlsServer.tlsPort(), "cert-files");
                    // 20 days left: within the 30-day warning, so degraded, and the service with it.
                    assertThat(select(detailed, check -> check.get("status").asText().equals("degraded")))
                            .extracting(check -> check.get("name").asText()).containsExactly("cert-files");
                    assertThat(detailed.get("overallStatus").asText()).isEqualTo("degraded");
                    assertThat(http.get("/health").statusCode()).isEqualTo(200);
                }
            } finally {
                java.nio.file.Files.deleteIfExists(pem);
            }
        }
    }

    private static JsonNode awaitNothingPending(DemoClient http, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode answer = http.json(path);
        while (!answer.get("pending").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);   // a bounded poll, not an assertion
            answer = http.json(path);
        }
        assertThat(answer.get("pending")).as("checks without a reading").isEmpty();
        return answer;
    }

    @Test
    void validatesAndListsCorimProfilesWithTheSamplePreloaded() throws Exception {
        byte[] sample = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(DemoService.SAMPLE_PROFILE));
        try (DemoService demo = DemoClient.startReady(Map.of("PORT", "0"))) {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            // curl -X POST /api/v1/corim/validate -H 'Content-Type: application/corim+cbor' --data-binary @sample_corim_profile.cbor
            HttpResponse<String> valid = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + demo.port() + "/api/v1/corim/validate"))
                    .header("Content-Type", "application/corim+cbor")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(sample)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(valid.statusCode()).as(valid.body()).isEqualTo(200);

            byte[] truncated = java.util.Arrays.copyOf(sample, sample.length / 2);
            HttpResponse<String> incomplete = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + demo.port() + "/api/v1/corim/profiles"))
                    .header("Content-Type", "application/corim+cbor")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(truncated)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(incomplete.statusCode()).as("an incomplete upload is refused").isIn(400, 422);

            DemoClient http = new DemoClient(demo.port());
            JsonNode listed = http.json("/api/v1/corim/profiles");
            assertThat(listed.toString()).as("the preloaded sample, and nothing half-written").contains("\"id\"");
            JsonNode detailed = http.json("/health/detailed");
            assertThat(select(detailed, check -> check.get("name").asText().equals("corim-profiles")))
                    .singleElement().satisfies(check -> assertThat(check.get("status").asText()).isEqualTo("healthy"));
            assertThat(http.get("/metrics").body()).containsPattern("corim_validation_failures_total\\{reason=\"(invalid|unreadable)\"} 1.0");
        }
    }
}
