package io.healthmonitor.tls;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * PKIX validation of a captured chain against trust anchors, at the check's clock rather than the
 * system's, without revocation checking (which would need the network). Immutable.
 */
final class ChainValidation {

    private final Set<TrustAnchor> anchors;

    private ChainValidation(Set<TrustAnchor> anchors) {
        this.anchors = Set.copyOf(anchors);
    }

    /** Validation against the JDK's default trust store (cacerts, or javax.net.ssl.trustStore). */
    static ChainValidation jdkDefault() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            Set<TrustAnchor> anchors = new HashSet<>();
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate issuer : x509.getAcceptedIssuers()) {
                        anchors.add(new TrustAnchor(issuer, null));
                    }
                }
            }
            if (anchors.isEmpty()) {
                throw new IllegalStateException("the JDK's default trust store holds no trusted certificate");
            }
            return new ChainValidation(anchors);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JDK's default trust store: " + e.getMessage(), e);
        }
    }

    /** Validation against the trusted certificates of {@code trustStore}. */
    static ChainValidation of(KeyStore trustStore) {
        try {
            return new ChainValidation(new PKIXParameters(trustStore).getTrustAnchors());
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalArgumentException("trustStore must contain at least one trusted certificate", e);
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException("trustStore must be loaded: " + e.getMessage(), e);
        }
    }

    /** Returns why the chain is not trusted at {@code at}, or null when it is. */
    @Nullable String problem(List<X509Certificate> chain, Instant at) {
        X509Certificate leaf = chain.get(0);
        for (TrustAnchor anchor : anchors) {
            if (leaf.equals(anchor.getTrustedCert())) {
                return leaf.getNotAfter().toInstant().isBefore(at) || leaf.getNotBefore().toInstant().isAfter(at)
                        ? "trusted certificate is outside its validity period" : null;
            }
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return null;
        } catch (CertPathBuilderException e) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        } catch (GeneralSecurityException e) {
            return "cannot validate: " + e.getMessage();
        }
    }
}
