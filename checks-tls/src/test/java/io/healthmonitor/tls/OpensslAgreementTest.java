package io.healthmonitor.tls;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthResult;
import io.healthmonitor.testsupport.RequiredServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static io.healthmonitor.tls.TestPki.CLOCK;
import static io.healthmonitor.tls.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** The not-after the check reports for a file is the one {@code openssl x509 -enddate} prints, as in the runbook. */
class OpensslAgreementTest {

    private static final DateTimeFormatter OPENSSL_DATE = DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy z", Locale.ROOT);

    @TempDir
    Path dir;

    @Test
    void reportsTheNotAfterThatOpensslPrintsForTheSameFile() throws Exception {
        Path openssl = RequiredServices.assumeCommand("openssl");
        TestPki.Issued root = TestPki.root("Test Root", Duration.ofDays(3650));
        // Odd hours, minutes and seconds, so that a time zone or rounding slip cannot agree by chance.
        Instant notAfter = NOW.plus(Duration.ofDays(20).plusHours(7).plusMinutes(13).plusSeconds(41));
        TestPki.Issued leaf = TestPki.issue("credlink.com", root, NOW.minus(Duration.ofDays(90)), notAfter, false);
        Path file = dir.resolve("credlink.crt");
        Files.writeString(file, TestPki.pem(leaf.certificate()));

        String printed = run(openssl.toString(), "x509", "-in", file.toString(), "-noout", "-enddate");
        HealthResult result = CertificateExpiryHealthCheck.builder(CertificateSource.pemFile(file)).clock(CLOCK).build()
                .check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(printed).startsWith("notAfter=");
        Instant opensslNotAfter = ZonedDateTime.parse(printed.substring("notAfter=".length()).strip().replaceAll("\\s+", " "),
                OPENSSL_DATE).toInstant();
        assertThat(opensslNotAfter).isEqualTo(notAfter);
        assertThat(result.details()).containsEntry("earliestNotAfter", opensslNotAfter.toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> certificates = (List<Map<String, Object>>) result.details().get("certificates");
        assertThat(certificates.get(0)).containsEntry("notAfter", opensslNotAfter.toString());
        assertThat(result.message()).contains("(" + opensslNotAfter + ")");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError("openssl did not finish within 20 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("openssl exit status, output: %s", output).isZero();
            return output;
        } finally {
            process.destroyForcibly();
        }
    }
}
