package io.healthmonitor.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/** Certificates for tests, issued relative to a fixed instant so no test depends on today's date. */
final class TestPki {

    /** The instant every test's clock is fixed at. */
    static final Instant NOW = Instant.parse("2030-06-15T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final AtomicLong SERIALS = new AtomicLong(0x1000);

    private TestPki() {
    }

    /** A certificate and the key pair it certifies. */
    record Issued(X509Certificate certificate, KeyPair keys) {
    }

    static Issued root(String commonName, Duration validFromNow) {
        return issue(commonName, null, NOW.minus(Duration.ofDays(365)), NOW.plus(validFromNow), true);
    }

    /** A leaf valid from a year ago until {@code validFromNow} after {@link #NOW}, with {@code names} as DNS/IP SANs. */
    static Issued leaf(String commonName, Issued issuer, Duration validFromNow, String... names) {
        return issue(commonName, issuer, NOW.minus(Duration.ofDays(365)), NOW.plus(validFromNow), false, names);
    }

    static Issued issue(String commonName, @Nullable Issued issuer, Instant notBefore, Instant notAfter, boolean ca,
            String... names) {
        try {
            KeyPair keys = keyPair();
            X500Name subject = new X500Name("O=Health Monitor Tests,CN=" + commonName);
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (names.length > 0) {
                List<GeneralName> generalNames = new ArrayList<>();
                for (String name : names) {
                    generalNames.add(name.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, name)
                            : new GeneralName(GeneralName.dNSName, name));
                }
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(generalNames.toArray(GeneralName[]::new)));
            }
            var signingKey = issuer == null ? keys.getPrivate() : issuer.keys().getPrivate();
            var holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey));
            return new Issued(new JcaX509CertificateConverter().getCertificate(holder), keys);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    static String pem(X509Certificate... certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                text.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return text.toString();
    }

    /** A keystore of {@code type} (PKCS12 or JKS) with a key entry for {@code leaf}'s chain. */
    static KeyStore keyStore(String type, char[] password, Issued leaf, X509Certificate... chain) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            X509Certificate[] full = new X509Certificate[chain.length + 1];
            full[0] = leaf.certificate();
            System.arraycopy(chain, 0, full, 1, chain.length);
            store.setKeyEntry("server", leaf.keys().getPrivate(), password, full);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyStore trustStore(X509Certificate... trusted) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                store.setCertificateEntry("ca" + i, trusted[i]);
            }
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
