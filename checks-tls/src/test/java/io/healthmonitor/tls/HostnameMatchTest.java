package io.healthmonitor.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateParsingException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostnameMatchTest {

    private static final TestPki.Issued ROOT = TestPki.root("Test Root", Duration.ofDays(3650));

    @Test
    void matchesAWildcardForExactlyOneLeftMostLabel() {
        assertThat(HostnameMatch.matchesName("api.example.com", "*.example.com")).isTrue();
        assertThat(HostnameMatch.matchesName("a.b.example.com", "*.example.com")).isFalse();
        assertThat(HostnameMatch.matchesName("example.com", "*.example.com")).isFalse();
        assertThat(HostnameMatch.matchesName("example.com", "*.com")).isFalse();
        assertThat(HostnameMatch.matchesName("api.example.com", "api.example.com")).isTrue();
        assertThat(HostnameMatch.matchesName("api.example.com", "web.example.com")).isFalse();
    }

    @Test
    void comparesNamesWithoutCaseOrTrailingDot() throws CertificateParsingException {
        var leaf = TestPki.leaf("ignored", ROOT, Duration.ofDays(30), "API.Example.com").certificate();

        assertThat(HostnameMatch.matches("api.example.COM.", leaf)).isTrue();
    }

    @Test
    void usesTheCommonNameOnlyWithoutDnsAlternativeNames() throws CertificateParsingException {
        var withoutNames = TestPki.leaf("api.example.com", ROOT, Duration.ofDays(30)).certificate();
        var withNames = TestPki.leaf("api.example.com", ROOT, Duration.ofDays(30), "web.example.com").certificate();

        assertThat(HostnameMatch.matches("api.example.com", withoutNames)).isTrue();
        assertThat(HostnameMatch.matches("api.example.com", withNames)).isFalse();
    }

    @Test
    void matchesIpAddressesOnlyAgainstIpAlternativeNames() throws CertificateParsingException {
        var leaf = TestPki.leaf("127.0.0.1", ROOT, Duration.ofDays(30), "localhost").certificate();
        var withIp = TestPki.leaf("x", ROOT, Duration.ofDays(30), "127.0.0.1").certificate();

        assertThat(HostnameMatch.matches("127.0.0.1", leaf)).isFalse();
        assertThat(HostnameMatch.matches("127.0.0.1", withIp)).isTrue();
        assertThat(HostnameMatch.isHostname("127.0.0.1")).isFalse();
        assertThat(HostnameMatch.isHostname("::1")).isFalse();
        assertThat(HostnameMatch.isHostname("api.example.com")).isTrue();
    }
}
