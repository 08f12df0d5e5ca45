package io.healthmonitor.tls;

import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.CheckContext;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.Schedule;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.Endpoint;
import io.healthmonitor.http.Endpoints;
import io.healthmonitor.http.JdkHttpHandler;
import io.healthmonitor.micrometer.HealthMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/checks-tls.md against the code: the usage snippet compiles here, and every option and key is documented. */
class DocumentationTest {

    private static final Path PAGE = Path.of("..", "docs", "checks-tls.md");
    private static final Path SELF = Path.of("src", "test", "java", "io", "healthmonitor", "tls", "DocumentationTest.java");

    @TempDir
    Path dir;

    @Test
    void usageSnippetIsThisCompiledCode() throws IOException {
        String page = Files.readString(PAGE);
        String snippet = page.substring(page.indexOf("```java\n") + 8, page.indexOf("```", page.indexOf("```java\n") + 8));
        String self = Files.readString(SELF);

        for (String line : snippet.lines().map(String::strip).filter(line -> !line.isEmpty()).toList()) {
            assertThat(self).as("snippet line compiled in DocumentationTest").contains(line);
        }
    }

    @Test
    void usageSnippetBuilds() throws IOException {
        MeterRegistry meterRegistry = new SimpleMeterRegistry();
        HealthMetrics metrics = HealthMetrics.of(meterRegistry, "credlink");
        char[] keyStorePassword = "documented-password".toCharArray();
        String token = "documentation-token-0123456789";
        HttpServer httpServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try {
            // ---- the snippet of docs/checks-tls.md, "Usage" ----
            CertificateExpiryHealthCheck api = CertificateExpiryHealthCheck
                    .builder(CertificateSource.endpoint("api.example.com", 443))
                    .hostnameVerification(true)                // optional, reported apart from expiry
                    .chainValidation(true)                     // optional: PKIX against the JDK trust store
                    .build();

            CertificateExpiryHealthCheck files = CertificateExpiryHealthCheck
                    .builder(CertificateSource.pemFile(Path.of("/etc/ssl/certs/credlink.crt")))
                    .source(CertificateSource.pemDirectory(Path.of("/var/run/secrets/credlink-ssl-certs")))
                    .source(CertificateSource.keyStore(Path.of("/etc/app/server.p12"), keyStorePassword))
                    .build();

            HealthMonitor monitor = HealthMonitor.builder()
                    .register(CheckRegistration.builder("api-tls", api).timeout(Duration.ofSeconds(2))   // bounds connect + handshake
                            .schedule(Schedule.background(Duration.ofMinutes(10))).build())
                    .register("cert-files", files)
                    .build();

            CertificateInventory inventory = CertificateInventory.builder()
                    .add("api-tls", api)                       // the names they are registered under
                    .add("cert-files", files)
                    .metrics(metrics)                          // credlink_certificates_expiring_7d, ...
                    .build();

            Endpoint certificates = ExpiringCertificatesEndpoint.of(inventory, Authorizer.bearerToken(token));
            JdkHttpHandler.of(Endpoints.of(certificates)).mount(httpServer);   // or beside the health endpoints
            // ---- end of the snippet ----
            monitor.close();
            assertThat(inventory.checks()).containsExactly("api-tls", "cert-files");
            assertThat(meterRegistry.find("credlink.certificates.expiring.7d").gauge()).isNotNull();
        } finally {
            httpServer.stop(0);
        }
    }

    @Test
    void documentsEveryBuilderMethodAndFactory() throws IOException {
        String page = Files.readString(PAGE);
        List<String> names = new ArrayList<>();
        for (Class<?> type : List.of(CertificateExpiryHealthCheck.Builder.class, CertificateInventory.Builder.class,
                CertificateSource.class, CertificateInventory.class)) {
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !method.getName().equals("build")
                        && !method.getName().equals("toString") && !method.getName().equals("name")) {
                    names.add(method.getName() + "(");
                }
            }
        }
        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(page).as("docs/checks-tls.md").contains(name));
    }

    @Test
    void documentsEveryDetailKey() throws IOException {
        String page = Files.readString(PAGE);
        TestPki.Issued root = TestPki.root("Doc Root", Duration.ofDays(3650));
        Path file = dir.resolve("doc.crt");
        Files.writeString(file, TestPki.pem(TestPki.leaf("doc.example.com", root, Duration.ofDays(3)).certificate()));
        HealthResult result = CertificateExpiryHealthCheck.builder(CertificateSource.pemFile(file))
                .source(CertificateSource.pemFile(dir.resolve("missing.crt")))
                .source(CertificateSource.endpoint("127.0.0.1", closedPort()))
                .trustStore(TestPki.trustStore(TestPki.root("Other Root", Duration.ofDays(3650)).certificate()))
                .hostnameVerification(true).clock(TestPki.CLOCK).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        @SuppressWarnings("unchecked")
        Map<String, Object> certificate = ((List<Map<String, Object>>) result.details().get("certificates")).get(0);
        Stream.concat(result.details().keySet().stream(), certificate.keySet().stream())
                .forEach(key -> assertThat(page).as("docs/checks-tls.md").contains("| `" + key + "` |"));
        assertThat(result.details()).containsKeys("chainTrusted", "chainProblems", "hostnameVerified", "errors");
        Arrays.asList("hostnameProblems", "daysLeft", "pending", "asOf").forEach(key -> assertThat(page).contains("`" + key + "`"));
    }

    private static int closedPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
