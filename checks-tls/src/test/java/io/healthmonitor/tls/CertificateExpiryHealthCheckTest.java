package io.healthmonitor.tls;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static io.healthmonitor.tls.TestPki.CLOCK;
import static io.healthmonitor.tls.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateExpiryHealthCheckTest {

    private static final TestPki.Issued ROOT = TestPki.root("Test Root", Duration.ofDays(3650));

    @TempDir
    Path dir;

    private HealthResult checkFile(TestPki.Issued... certificates) throws IOException {
        Path file = dir.resolve("cert.crt");
        Files.writeString(file, TestPki.pem(java.util.Arrays.stream(certificates)
                .map(TestPki.Issued::certificate).toArray(java.security.cert.X509Certificate[]::new)));
        return CertificateExpiryHealthCheck.builder(CertificateSource.pemFile(file)).clock(CLOCK).build().check(CheckContext.of("test", Duration.ofSeconds(5)));
    }

    @Test
    void reportsHealthyWhenEveryCertificateOutlastsTheWarningThreshold() throws IOException {
        HealthResult result = checkFile(TestPki.leaf("api.example.com", ROOT, Duration.ofDays(90)));

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.message()).isEqualTo("1 certificate valid; earliest: certificate CN=api.example.com from "
                + dir.resolve("cert.crt") + " expires in 90 days (" + NOW.plus(Duration.ofDays(90)) + ")");
        assertThat(result.details()).containsEntry("certificateCount", 1).containsEntry("expiresInDays", 90L)
                .containsEntry("expiryAlert", "none").containsEntry("expiringWithin30Days", 0);
    }

    @Test
    void reportsDegradedWhenACertificateExpiresWithin30Days() throws IOException {
        HealthResult result = checkFile(TestPki.leaf("api.example.com", ROOT, Duration.ofDays(20)));

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).isEqualTo("certificate CN=api.example.com from " + dir.resolve("cert.crt")
                + " expires in 20 days (2030-07-05T12:00:00Z)");
        assertThat(result.details()).containsEntry("expiryAlert", "30d").containsEntry("expiringWithin30Days", 1)
                .containsEntry("expiringWithin7Days", 0).containsEntry("earliestNotAfter", "2030-07-05T12:00:00Z");
    }

    @Test
    void reportsUnhealthyWhenACertificateExpiresWithin7Days() throws IOException {
        HealthResult result = checkFile(TestPki.leaf("api.example.com", ROOT, Duration.ofDays(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("certificate CN=api.example.com", "expires in 5 days (2030-06-20T12:00:00Z)");
        assertThat(result.details()).containsEntry("expiryAlert", "7d").containsEntry("expiringWithin7Days", 1)
                .containsEntry("expiringWithin1Day", 0).containsEntry("expiresInDays", 5L);
    }

    @Test
    void marksTheLastDayInDetails() throws IOException {
        HealthResult result = checkFile(TestPki.leaf("api.example.com", ROOT, Duration.ofHours(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("expires in 5 hours");
        assertThat(result.details()).containsEntry("expiryAlert", "1d").containsEntry("expiringWithin1Day", 1)
                .containsEntry("expiresInDays", 0L);
    }

    @Test
    void reportsUnhealthyWhenACertificateHasExpired() throws IOException {
        HealthResult result = checkFile(TestPki.leaf("api.example.com", ROOT, Duration.ofDays(-3)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("certificate CN=api.example.com", "expired 3 days ago (2030-06-12T12:00:00Z)");
        assertThat(result.details()).containsEntry("expired", 1).containsEntry("expiryAlert", "expired")
                .containsEntry("expiresInDays", -3L).containsEntry("expiringWithin1Day", 1);
    }

    @Test
    void reportsUnhealthyWhenACertificateIsNotYetValid() throws IOException {
        TestPki.Issued future = TestPki.issue("future.example.com", ROOT, NOW.plus(Duration.ofDays(2)),
                NOW.plus(Duration.ofDays(400)), false);

        HealthResult result = checkFile(future);

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("certificate CN=future.example.com", "is not valid until 2030-06-17T12:00:00Z");
        assertThat(result.details()).containsEntry("notYetValid", 1);
    }

    @Test
    void namesTheIntermediateWhenItExpiresBeforeTheLeaf() throws IOException {
        TestPki.Issued intermediate = TestPki.issue("Test Intermediate", ROOT, NOW.minus(Duration.ofDays(30)),
                NOW.plus(Duration.ofDays(10)), true);
        TestPki.Issued leaf = TestPki.leaf("api.example.com", intermediate, Duration.ofDays(200));

        HealthResult result = checkFile(leaf, intermediate);

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).startsWith("certificate CN=Test Intermediate from").contains("expires in 10 days");
        assertThat(result.details()).containsEntry("certificateCount", 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> certificates = (List<Map<String, Object>>) result.details().get("certificates");
        assertThat(certificates).extracting(c -> c.get("subject"))
                .containsExactly("CN=api.example.com,O=Health Monitor Tests", "CN=Test Intermediate,O=Health Monitor Tests");
        assertThat(certificates.get(1)).containsEntry("issuer", "CN=Test Root,O=Health Monitor Tests")
                .containsEntry("expiresInDays", 10L)
                .containsEntry("serialNumber", intermediate.certificate().getSerialNumber().toString(16).toUpperCase());
    }

    @Test
    void mentionsHowManyMoreCertificatesNeedAttention() throws IOException {
        HealthResult result = checkFile(TestPki.leaf("a.example.com", ROOT, Duration.ofDays(3)),
                TestPki.leaf("b.example.com", ROOT, Duration.ofDays(25)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("CN=a.example.com", "expires in 3 days", "(and 1 more expiring within 30 days)");
    }

    @Test
    void appliesItsOwnThresholds() throws IOException {
        Path file = dir.resolve("cert.crt");
        Files.writeString(file, TestPki.pem(TestPki.leaf("api.example.com", ROOT, Duration.ofDays(50)).certificate()));
        CertificateExpiryHealthCheck.Builder builder = CertificateExpiryHealthCheck.builder(CertificateSource.pemFile(file))
                .clock(CLOCK);

        assertThat(builder.warningThreshold(Duration.ofDays(60)).build().check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(builder.criticalThreshold(Duration.ofDays(55)).build().check(CheckContext.of("test", Duration.ofSeconds(5))).status())
                .isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(builder.warningThreshold(Duration.ofDays(45)).criticalThreshold(Duration.ofDays(14)).build()
                .check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void rejectsThresholdsInTheWrongOrder() {
        CertificateExpiryHealthCheck.Builder builder = CertificateExpiryHealthCheck
                .builder(CertificateSource.pemFile(dir.resolve("x"))).warningThreshold(Duration.ofDays(5));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("criticalThreshold must be <= warningThreshold");
        assertThatThrownBy(() -> builder.warningThreshold(Duration.ofDays(-1))).hasMessage("warningThreshold must be > 0");
        assertThatThrownBy(() -> CertificateSource.endpoint("localhost", 0)).hasMessage("port must be between 1 and 65535");
    }

    @Test
    void readsEveryPemFileOfADirectoryAndSkipsKeysAndHiddenFiles() throws IOException {
        Files.writeString(dir.resolve("tls.crt"), TestPki.pem(TestPki.leaf("api.example.com", ROOT, Duration.ofDays(20)).certificate()));
        Files.writeString(dir.resolve("ca.crt"), TestPki.pem(ROOT.certificate()));
        Files.writeString(dir.resolve("tls.key"), "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----\n");
        Files.writeString(dir.resolve(".hidden.crt"), "not PEM at all");

        HealthResult result = CertificateExpiryHealthCheck.builder(CertificateSource.pemDirectory(dir)).clock(CLOCK).build()
                .check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.details()).containsEntry("certificateCount", 2);
        assertThat(result.message()).contains("from " + dir.resolve("tls.crt"));
        assertThat(result.toString()).doesNotContain("c2VjcmV0");
    }

    @Test
    void readsPemTextAndBase64OfPemAsKubernetesSecretsHoldIt() {
        String pem = TestPki.pem(TestPki.leaf("secret.example.com", ROOT, Duration.ofDays(6)).certificate());
        String secretData = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));

        HealthResult fromText = CertificateExpiryHealthCheck.builder(CertificateSource.pem("secret tls.crt", pem))
                .clock(CLOCK).build().check(CheckContext.of("test", Duration.ofSeconds(5)));
        HealthResult fromData = CertificateExpiryHealthCheck.builder(CertificateSource.pem("secret data", secretData))
                .clock(CLOCK).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(fromText.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(fromText.message()).contains("CN=secret.example.com from secret tls.crt expires in 6 days");
        assertThat(fromData.message()).contains("CN=secret.example.com from secret data expires in 6 days");
    }

    @Test
    void readsEveryAliasOfPkcs12AndJksKeyStores() throws IOException, GeneralSecurityException {
        char[] password = "keystore-password-x1".toCharArray();
        for (String type : List.of("PKCS12", "JKS")) {
            KeyStore store = TestPki.keyStore(type, password, TestPki.leaf("server.example.com", ROOT, Duration.ofDays(25)),
                    ROOT.certificate());
            store.setCertificateEntry("extra-ca", TestPki.root("Other Root", Duration.ofDays(4)).certificate());
            Path file = dir.resolve("store." + type.toLowerCase());
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }

            HealthResult result = CertificateExpiryHealthCheck.builder(CertificateSource.keyStore(file, password))
                    .clock(CLOCK).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).as(type).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.details()).as(type).containsEntry("certificateCount", 3);
            assertThat(result.message()).as(type).contains("CN=Other Root from " + file + "#extra-ca expires in 4 days");
        }
    }

    @Test
    void reportsAWrongKeyStorePasswordWithoutShowingAnyPassword() throws IOException, GeneralSecurityException {
        char[] password = "right-password-7781".toCharArray();
        KeyStore store = TestPki.keyStore("PKCS12", password, TestPki.leaf("server.example.com", ROOT, Duration.ofDays(90)));
        Path file = dir.resolve("store.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        CertificateSource source = CertificateSource.keyStore(file, "wrong-password-4412".toCharArray());

        HealthResult result = CertificateExpiryHealthCheck.builder(source).clock(CLOCK).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).startsWith("cannot read certificates from " + file + " (");
        assertThat(result + source.toString()).doesNotContain("wrong-password-4412", "right-password-7781");
    }

    @Test
    void readsNoMoreOfAFileThanAPemFileCanHoldAndNeverADevice() throws IOException {
        Path huge = dir.resolve("huge.crt");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(64L * 1024 * 1024);   // sparse: 64 MiB of zeros, like a disk image named by mistake
        }
        Path device = Path.of("/dev/zero");

        HealthResult result = CertificateExpiryHealthCheck.builder(CertificateSource.pemFile(huge))
                .source(CertificateSource.pemFile(device)).clock(CLOCK).build()
                .check(CheckContext.of("test", Duration.ofSeconds(5)));

        // /dev/zero used to fill the heap: OutOfMemoryError out of check() with -Xmx256m.
        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("cannot read certificates from " + huge
                + " (java.io.IOException: larger than 4194304 bytes: not a PEM certificate file); cannot read certificates from "
                + device + " (java.io.IOException: not a regular file)");
    }

    @Test
    void reportsAMissingFileAndAFileWithoutCertificatesByPath() throws IOException {
        Path missing = dir.resolve("missing.crt");
        Path empty = dir.resolve("empty.crt");
        Files.writeString(empty, "nothing here\n");

        HealthResult result = CertificateExpiryHealthCheck.builder(CertificateSource.pemFile(missing))
                .source(CertificateSource.pemFile(empty)).clock(CLOCK).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("cannot read certificates from " + missing
                + " (java.nio.file.NoSuchFileException); cannot read certificates from " + empty
                + " (java.io.IOException: no PEM certificate in it)");
        assertThat(result.details()).containsEntry("certificateCount", 0);
    }

    /**
     * A path may itself be secret, or say so: it is named once, and the redactor leaves the message
     * as written (it read {@code from /nonexistent/Sup3rSecretPW: *** /nonexistent/Sup3rSecretPW}).
     */
    @Test
    void namesAMissingFileOnceAndReadsRightAfterRedaction() {
        Path missing = dir.resolve("Sup3rSecretPW");

        HealthResult result = CertificateExpiryHealthCheck.builder(CertificateSource.pemFile(missing)).clock(CLOCK)
                .build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.message()).isEqualTo("cannot read certificates from " + missing + " (java.nio.file.NoSuchFileException)");
        assertThat(io.healthmonitor.Redactor.redact(result.message())).isEqualTo(result.message());
    }

    @Test
    void reportsAMalformedCertificateBlock() throws IOException {
        Path file = dir.resolve("bad.crt");
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        HealthResult result = CertificateExpiryHealthCheck.builder(CertificateSource.pemFile(file)).clock(CLOCK).build()
                .check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("certificate block 1 is not a valid X.509 certificate");
    }

    @Test
    void validatesFileChainsAgainstAGivenTrustStore() throws IOException {
        TestPki.Issued intermediate = TestPki.issue("Test Intermediate", ROOT, NOW.minus(Duration.ofDays(30)),
                NOW.plus(Duration.ofDays(300)), true);
        Path file = dir.resolve("chain.crt");
        Files.writeString(file, TestPki.pem(TestPki.leaf("api.example.com", intermediate, Duration.ofDays(90)).certificate(),
                intermediate.certificate()));
        CertificateSource source = CertificateSource.pemFile(file);

        HealthResult trusted = CertificateExpiryHealthCheck.builder(source).clock(CLOCK)
                .trustStore(TestPki.trustStore(ROOT.certificate())).build().check(CheckContext.of("test", Duration.ofSeconds(5)));
        HealthResult untrusted = CertificateExpiryHealthCheck.builder(source).clock(CLOCK)
                .trustStore(TestPki.trustStore(TestPki.root("Unrelated Root", Duration.ofDays(900)).certificate()))
                .build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(trusted.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(trusted.details()).containsEntry("chainTrusted", true).doesNotContainKey("chainProblems");
        assertThat(untrusted.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(untrusted.details()).containsEntry("chainTrusted", false).containsKey("chainProblems");
        assertThat(untrusted.message()).startsWith("certificate chain from " + file + " is not trusted: ");
    }

    @Test
    void describesEveryCertificateWithJsonSafeDetails() throws IOException {
        HealthResult result = checkFile(TestPki.leaf("api.example.com", ROOT, Duration.ofDays(90), "api.example.com",
                "127.0.0.1"));

        @SuppressWarnings("unchecked")
        Map<String, Object> certificate = ((List<Map<String, Object>>) result.details().get("certificates")).get(0);
        assertThat(certificate).containsOnlyKeys("source", "subject", "issuer", "serialNumber", "subjectAlternativeNames",
                "notBefore", "notAfter", "expiresInDays");
        assertThat(certificate.get("subjectAlternativeNames")).isEqualTo(List.of("DNS:api.example.com", "IP:127.0.0.1"));
        assertThat(certificate.get("notAfter")).isEqualTo("2030-09-13T12:00:00Z");
        assertThat(certificate.get("notBefore")).isEqualTo("2029-06-15T12:00:00Z");
    }
}
