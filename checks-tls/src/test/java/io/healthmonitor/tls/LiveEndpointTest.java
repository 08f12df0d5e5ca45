package io.healthmonitor.tls;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static io.healthmonitor.tls.TestPki.CLOCK;
import static io.healthmonitor.tls.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LiveEndpointTest {

    private static final String HANDSHAKE = "connected in (\\d+) ms, then no TLS handshake within (\\d+) ms";
    private static final String CONNECT = "no TCP connection within (\\d+) ms";
    private static final TestPki.Issued ROOT = TestPki.root("Test Root", Duration.ofDays(3650));
    private static final TestPki.Issued INTERMEDIATE = TestPki.issue("Test Intermediate", ROOT,
            NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(1000)), true);

    private static CertificateExpiryHealthCheck.Builder endpoint(TlsServer server) {
        return CertificateExpiryHealthCheck.builder(CertificateSource.endpoint("127.0.0.1", server.port())).clock(CLOCK);
    }

    @Test
    void reportsTheFullPresentedChainOfACertificateExpiringIn5Days() throws IOException {
        TestPki.Issued leaf = TestPki.leaf("api.example.com", INTERMEDIATE, Duration.ofDays(5), "api.example.com");
        try (TlsServer server = TlsServer.presenting(leaf, INTERMEDIATE.certificate())) {
            HealthResult result = endpoint(server).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).isEqualTo("certificate CN=api.example.com from 127.0.0.1:" + server.port()
                    + " expires in 5 days (2030-06-20T12:00:00Z)");
            assertThat(result.details()).containsEntry("certificateCount", 2).containsEntry("expiryAlert", "7d");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> certificates = (List<Map<String, Object>>) result.details().get("certificates");
            assertThat(certificates).extracting(c -> c.get("subject")).containsExactly(
                    "CN=api.example.com,O=Health Monitor Tests", "CN=Test Intermediate,O=Health Monitor Tests");
        }
    }

    @Test
    void reportsACertificateExpiringIn20DaysAsDegraded() throws IOException {
        TestPki.Issued leaf = TestPki.leaf("api.example.com", ROOT, Duration.ofDays(20));
        try (TlsServer server = TlsServer.presenting(leaf)) {
            HealthResult result = endpoint(server).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(result.message()).contains("expires in 20 days");
        }
    }

    @Test
    void reportsAnExpiredSelfSignedCertificateRatherThanFailingTheHandshake() throws IOException {
        TestPki.Issued expired = TestPki.issue("expired.example.com", null, NOW.minus(Duration.ofDays(400)),
                NOW.minus(Duration.ofDays(2)), false);
        try (TlsServer server = TlsServer.presenting(expired)) {
            HealthResult result = endpoint(server).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).isEqualTo("certificate CN=expired.example.com from 127.0.0.1:" + server.port()
                    + " expired 2 days ago (2030-06-13T12:00:00Z)");
            assertThat(result.details()).containsEntry("expired", 1).doesNotContainKey("errors");
        }
    }

    @Test
    void reportsANotYetValidCertificate() throws IOException {
        TestPki.Issued future = TestPki.issue("future.example.com", ROOT, NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)), false);
        try (TlsServer server = TlsServer.presenting(future)) {
            HealthResult result = endpoint(server).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).contains("is not valid until 2030-06-16T12:00:00Z");
        }
    }

    @Test
    void sendsTheServerNameAsSni() throws IOException {
        TestPki.Issued leaf = TestPki.leaf("api.example.com", ROOT, Duration.ofDays(90), "api.example.com");
        try (TlsServer server = TlsServer.presenting(leaf)) {
            CertificateSource source = CertificateSource.endpoint("127.0.0.1", server.port(), "api.example.com");

            HealthResult result = CertificateExpiryHealthCheck.builder(source).clock(CLOCK).hostnameVerification(true)
                    .build().check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(result.details()).containsEntry("hostnameVerified", true);
            assertThat(server.requestedServerNames()).containsExactly("api.example.com");
            assertThat(source.name()).isEqualTo("127.0.0.1:" + server.port() + " (api.example.com)");
        }
    }

    @Test
    void reportsAHostnameMismatchApartFromExpiry() throws IOException {
        TestPki.Issued leaf = TestPki.leaf("other.example.com", ROOT, Duration.ofDays(90), "other.example.com");
        try (TlsServer server = TlsServer.presenting(leaf)) {
            HealthResult result = endpoint(server).hostnameVerification(true).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).isEqualTo("certificate CN=other.example.com from 127.0.0.1:" + server.port()
                    + " does not match host name 127.0.0.1");
            assertThat(result.details()).containsEntry("hostnameVerified", false).containsEntry("expiryAlert", "none");
        }
    }

    @Test
    void matchesAnIpAddressAgainstIpAlternativeNames() throws IOException {
        TestPki.Issued leaf = TestPki.leaf("localhost", ROOT, Duration.ofDays(90), "localhost", "127.0.0.1");
        try (TlsServer server = TlsServer.presenting(leaf)) {
            HealthResult result = endpoint(server).hostnameVerification(true).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(result.details()).containsEntry("hostnameVerified", true);
            assertThat(server.requestedServerNames()).as("no SNI for an IP address").isEmpty();
        }
    }

    @Test
    void validatesThePresentedChainAgainstATrustStoreApartFromExpiry() throws IOException {
        TestPki.Issued leaf = TestPki.leaf("api.example.com", INTERMEDIATE, Duration.ofDays(90));
        try (TlsServer server = TlsServer.presenting(leaf, INTERMEDIATE.certificate())) {
            HealthResult trusted = endpoint(server).trustStore(TestPki.trustStore(ROOT.certificate())).build().check(CheckContext.of("test", Duration.ofSeconds(5)));
            HealthResult byJdkDefaults = endpoint(server).chainValidation(true).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(trusted.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(trusted.details()).containsEntry("chainTrusted", true);
            assertThat(byJdkDefaults.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(byJdkDefaults.details()).containsEntry("chainTrusted", false).containsEntry("expiryAlert", "none");
            assertThat(byJdkDefaults.message()).startsWith("certificate chain from 127.0.0.1:" + server.port()
                    + " is not trusted: ");
        }
    }

    @Test
    void reportsAClosedPortAsUnhealthy() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        HealthResult result = CertificateExpiryHealthCheck.builder(CertificateSource.endpoint("127.0.0.1", port))
                .clock(CLOCK).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).startsWith("cannot read certificates from 127.0.0.1:" + port + ": java.net.ConnectException");
    }

    @Test
    void reportsNoHandshakeBeforeTheDeadlineWhenTheEndpointAcceptsAndNeverAnswers() throws IOException {
        // Accepts connections (the kernel completes them from the backlog) and never answers the ClientHello.
        try (ServerSocket blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CertificateExpiryHealthCheck check = CertificateExpiryHealthCheck
                    .builder(CertificateSource.endpoint("127.0.0.1", blackhole.getLocalPort())).clock(CLOCK).build();

            long start = System.nanoTime();
            HealthResult result = check.check(CheckContext.of("test", Duration.ofSeconds(1)));
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(waitedMillis(result.message(), blackhole.getLocalPort(), HANDSHAKE))
                    .as("the client timeout: 1 s less the context's margin of 100 ms").isBetween(850L, 999L);
            assertThat(elapsedMillis).as("elapsed ms, before the 1 s deadline").isGreaterThanOrEqualTo(850).isLessThan(1000);
        }
    }

    @Test
    void reportsNoTcpConnectionWhenTheEndpointDoesNotAcceptConnections() throws IOException {
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Fill the accept queue, which is never drained: the kernel then drops further SYNs.
            boolean filled = false;
            for (int i = 0; i < 10 && !filled; i++) {
                Socket socket = new Socket();
                queued.add(socket);
                try {
                    socket.connect(full.getLocalSocketAddress(), 200);
                } catch (SocketTimeoutException e) {
                    filled = true;
                }
            }
            assumeTrue(filled, "this network stack completes connections beyond the backlog");
            CertificateExpiryHealthCheck check = CertificateExpiryHealthCheck
                    .builder(CertificateSource.endpoint("127.0.0.1", full.getLocalPort())).clock(CLOCK).build();

            HealthResult result = check.check(CheckContext.of("test", Duration.ofSeconds(1)));

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(waitedMillis(result.message(), full.getLocalPort(), CONNECT)).isBetween(850L, 999L);
        } finally {
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    @Test
    void sharesTheTimeAmongEndpointsSoThatABlackholedOneDoesNotStarveTheNext() throws IOException {
        TestPki.Issued leaf = TestPki.leaf("api.example.com", ROOT, Duration.ofDays(90));
        try (ServerSocket blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                TlsServer server = TlsServer.presenting(leaf)) {
            CertificateExpiryHealthCheck check = CertificateExpiryHealthCheck
                    .builder(CertificateSource.endpoint("127.0.0.1", blackhole.getLocalPort()))
                    .source(CertificateSource.endpoint("127.0.0.1", server.port())).clock(CLOCK).build();

            HealthResult result = check.check(CheckContext.of("test", Duration.ofSeconds(2)));

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(waitedMillis(result.message(), blackhole.getLocalPort(), HANDSHAKE))
                    .as("half of the client timeout of 1900 ms").isBetween(900L, 1000L);
            assertThat(result.details()).containsEntry("certificateCount", 1);
            assertThat(result.message()).doesNotContain("from 127.0.0.1:" + server.port() + ":");
        }
    }

    /**
     * The milliseconds a timeout of the endpoint on {@code port} says were waited, summed over the
     * numbers {@code what} reads from its message.
     */
    private static long waitedMillis(String message, int port, String what) {
        Matcher matcher = Pattern.compile("cannot read certificates from 127\\.0\\.0\\.1:" + port + ": " + what).matcher(message);
        assertThat(matcher.find()).as("%s names a timeout of port %d: %s", message, port, what).isTrue();
        long millis = 0;
        for (int group = 1; group <= matcher.groupCount(); group++) {
            millis += Long.parseLong(matcher.group(group));
        }
        return millis;
    }

    @Test
    void keepsReadingOtherSourcesWhenOneFails() throws IOException {
        TestPki.Issued leaf = TestPki.leaf("api.example.com", ROOT, Duration.ofDays(20));
        int closedPort;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = closed.getLocalPort();
        }
        try (TlsServer server = TlsServer.presenting(leaf)) {

            HealthResult result = endpoint(server).source(CertificateSource.endpoint("127.0.0.1", closedPort)).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).startsWith("cannot read certificates from 127.0.0.1:" + closedPort)
                    .contains("; certificate CN=api.example.com from 127.0.0.1:" + server.port() + " expires in 20 days");
            assertThat(result.details()).containsEntry("certificateCount", 1);
        }
    }
}
