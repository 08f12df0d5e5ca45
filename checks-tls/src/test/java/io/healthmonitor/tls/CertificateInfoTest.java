package io.healthmonitor.tls;

import static io.healthmonitor.tls.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateInfoTest {

    private static final TestPki.Issued ROOT = TestPki.root("Test Root", Duration.ofDays(3650));

    @Test
    void readsTheFieldsOperatorsAskFor() {
        var leaf = TestPki.leaf("api.example.com", ROOT, Duration.ofDays(5), "api.example.com", "10.0.0.1").certificate();

        CertificateInfo info = CertificateInfo.of("api.crt", leaf);

        assertThat(info.subject()).isEqualTo("CN=api.example.com,O=Health Monitor Tests");
        assertThat(info.issuer()).isEqualTo("CN=Test Root,O=Health Monitor Tests");
        assertThat(info.commonName()).isEqualTo("api.example.com");
        assertThat(info.serialNumber()).matches("[0-9A-F]+").hasSize(4);
        assertThat(info.subjectAlternativeNames()).containsExactly("DNS:api.example.com", "IP:10.0.0.1");
        assertThat(info.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(5)));
        assertThat(info.isValidAt(NOW)).isTrue();
        assertThat(info.isValidAt(NOW.plus(Duration.ofDays(6)))).isFalse();
    }

    @Test
    void roundsDaysLeftDown() {
        CertificateInfo info = new CertificateInfo("x", "CN=x", "CN=x", "01", List.of(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(5).plusHours(12)));

        assertThat(info.daysLeft(NOW)).isEqualTo(5);
        assertThat(info.daysLeft(info.notAfter().minusSeconds(1))).isZero();
        assertThat(info.daysLeft(info.notAfter().plusSeconds(1))).isEqualTo(-1);
    }

    @Test
    void validatesItsComponents() {
        Instant at = NOW;
        assertThatThrownBy(() -> new CertificateInfo(" ", "CN=x", "CN=x", "01", List.of(), at, at))
                .hasMessage("source must not be blank");
        assertThatThrownBy(() -> new CertificateInfo("x", "CN=x", "CN=x", "01", List.of(), at, at.minusSeconds(1)))
                .hasMessage("notAfter must not be before notBefore");
        assertThatThrownBy(() -> new CertificateInfo("x", null, "CN=x", "01", List.of(), at, at))
                .isInstanceOf(NullPointerException.class).hasMessage("subject");
    }

    @Test
    void fallsBackToTheWholeSubjectWithoutACommonName() {
        CertificateInfo info = new CertificateInfo("x", "O=Example,C=DE", "CN=x", "01", List.of(), NOW, NOW);

        assertThat(info.commonName()).isEqualTo("O=Example,C=DE");
    }
}
