package io.healthmonitor.tls;

import io.healthmonitor.CheckContext;
import io.healthmonitor.micrometer.HealthMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static io.healthmonitor.tls.TestPki.CLOCK;
import static io.healthmonitor.tls.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateInventoryTest {

    private static final TestPki.Issued ROOT = TestPki.root("Test Root", Duration.ofDays(3650));

    @TempDir
    Path dir;

    private Path write(String name, TestPki.Issued... certificates) throws IOException {
        Path file = dir.resolve(name);
        StringBuilder pem = new StringBuilder();
        for (TestPki.Issued certificate : certificates) {
            pem.append(TestPki.pem(certificate.certificate()));
        }
        Files.writeString(file, pem);
        return file;
    }

    private static CertificateExpiryHealthCheck check(Path file) {
        return CertificateExpiryHealthCheck.builder(CertificateSource.pemFile(file)).clock(CLOCK).build();
    }

    @Test
    void listsTheCertificatesEachCheckLastReadByExpiry() throws IOException {
        CertificateExpiryHealthCheck api = check(write("api.crt", TestPki.leaf("api.example.com", ROOT, Duration.ofDays(5))));
        CertificateExpiryHealthCheck db = check(write("db.crt", TestPki.leaf("db.example.com", ROOT, Duration.ofDays(20)),
                TestPki.leaf("old.example.com", ROOT, Duration.ofDays(-2))));
        CertificateInventory inventory = CertificateInventory.builder().add("api-tls", api).add("db-tls", db).clock(CLOCK)
                .build();

        assertThat(inventory.pending()).containsExactly("api-tls", "db-tls");
        assertThat(inventory.expiringWithin(30)).isEmpty();

        api.check(CheckContext.of("test", Duration.ofSeconds(5)));
        db.check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(inventory.pending()).isEmpty();
        assertThat(inventory.expiringWithin(7)).extracting(e -> e.certificate().commonName(), ExpiringCertificate::check,
                        ExpiringCertificate::daysLeft)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("old.example.com", "db-tls", -2L),
                        org.assertj.core.groups.Tuple.tuple("api.example.com", "api-tls", 5L));
        assertThat(inventory.expiringWithin(30)).hasSize(3);
        assertThat(inventory.expiringWithin(0)).extracting(e -> e.certificate().commonName()).containsExactly("old.example.com");
        assertThat(inventory.certificates()).hasSize(3);
        assertThat(inventory.expiringWithin(7).get(1).certificate().source()).isEqualTo(dir.resolve("api.crt").toString());
    }

    @Test
    void keepsTheLastCertificatesOfASourceThatCannotBeReadAnyMore() throws IOException {
        Path file = write("api.crt", TestPki.leaf("api.example.com", ROOT, Duration.ofDays(5)));
        CertificateExpiryHealthCheck api = check(file);
        CertificateInventory inventory = CertificateInventory.builder().add("api-tls", api).clock(CLOCK).build();
        api.check(CheckContext.of("test", Duration.ofSeconds(5)));

        Files.delete(file);
        api.check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(inventory.expiringWithin(7)).hasSize(1);
    }

    @Test
    void publishesCountsAtThe30And7And1DayMarksAndSecondsLeftPerCertificate() throws IOException {
        Path file = write("api.crt", TestPki.leaf("api.example.com", ROOT, Duration.ofDays(5)),
                TestPki.leaf("soon.example.com", ROOT, Duration.ofHours(10)),
                TestPki.leaf("later.example.com", ROOT, Duration.ofDays(25)));
        CertificateExpiryHealthCheck api = check(file);
        MeterRegistry registry = new SimpleMeterRegistry();
        CertificateInventory.builder().add("api-tls", api).clock(CLOCK).metrics(HealthMetrics.of(registry, "credlink")).build();

        assertThat(registry.get("credlink.certificates.expiring.7d").gauge().value()).isZero();
        api.check(CheckContext.of("test", Duration.ofSeconds(5)));

        Gauge sevenDays = registry.get("credlink.certificates.expiring.7d").gauge();
        assertThat(sevenDays.value()).isEqualTo(2.0);
        assertThat(sevenDays.getId().getConventionName(NamingConvention.snakeCase))
                .isEqualTo("credlink_certificates_expiring_7d");
        assertThat(registry.get("credlink.certificates.expiring.30d").gauge().value()).isEqualTo(3.0);
        assertThat(registry.get("credlink.certificates.expiring.1d").gauge().value()).isEqualTo(1.0);
        Gauge soon = registry.get("credlink.certificate.expiry").tag("cn", "soon.example.com")
                .tag("source", file.toString()).tag("check", "api-tls").gauge();
        assertThat(soon.value()).isEqualTo(Duration.ofHours(10).toSeconds());
        assertThat(soon.getId().getBaseUnit()).isEqualTo("seconds");

        // Renewed: the file now holds one certificate; the old rows go away.
        Files.writeString(file, TestPki.pem(TestPki.leaf("api.example.com", ROOT, Duration.ofDays(90)).certificate()));
        api.check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(registry.get("credlink.certificates.expiring.7d").gauge().value()).isZero();
        assertThat(registry.find("credlink.certificate.expiry").tag("cn", "soon.example.com").gauge()).isNull();
        assertThat(registry.get("credlink.certificate.expiry").tag("cn", "api.example.com").gauge().value())
                .isEqualTo(Duration.between(NOW, NOW.plus(Duration.ofDays(90))).toSeconds());
    }

    /** A reload: the application builds its checks and inventory again on the same registry. */
    @Test
    void anInventoryBuiltAgainOnTheSameRegistryPublishesItsOwnCounts() throws IOException {
        MeterRegistry registry = new SimpleMeterRegistry();
        HealthMetrics metrics = HealthMetrics.of(registry, "credlink");
        CertificateExpiryHealthCheck before = check(write("before.crt", TestPki.leaf("api.example.com", ROOT, Duration.ofDays(5))));
        CertificateInventory.builder().add("api-tls", before).clock(CLOCK).metrics(metrics).build();
        before.check(CheckContext.of("test", Duration.ofSeconds(5)));
        assertThat(registry.get("credlink.certificates.expiring.7d").gauge().value()).isEqualTo(1.0);

        CertificateExpiryHealthCheck after = check(write("after.crt", TestPki.leaf("api.example.com", ROOT, Duration.ofDays(90))));
        CertificateInventory.builder().add("api-tls", after).clock(CLOCK).metrics(metrics).build();
        after.check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(registry.get("credlink.certificates.expiring.7d").gauge().value()).as("the new inventory's count").isZero();
        assertThat(registry.find("credlink.certificates.expiring.7d").gauges()).hasSize(1);
    }

    @Test
    void rejectsDuplicateNamesAndBadWindows() throws IOException {
        CertificateExpiryHealthCheck api = check(write("api.crt", TestPki.leaf("api.example.com", ROOT, Duration.ofDays(5))));
        CertificateInventory.Builder builder = CertificateInventory.builder().add("api-tls", api);

        assertThatThrownBy(() -> builder.add("api-tls", api)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a check named 'api-tls' is already in the inventory");
        assertThatThrownBy(() -> HealthMetrics.of(new SimpleMeterRegistry(), "Bad-Prefix"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.build().expiringWithin(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("days must be between 0 and 36500");
    }
}
