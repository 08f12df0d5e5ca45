package io.healthmonitor.spring;

import io.healthmonitor.tls.CertificateSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundles;

/**
 * The certificates that Spring Boot's SSL bundles hold (each key entry's chain and each trusted
 * certificate of the key store, reported as {@code bundle <name> <alias>}) and configured
 * certificate files or directories, as sources of the library's certificate check.
 */
final class SslBundleCertificates {

    private SslBundleCertificates() {
    }

    static List<CertificateSource> sources(@Nullable SslBundles bundles, List<Path> paths) {
        List<CertificateSource> sources = new ArrayList<>();
        for (String name : bundles == null ? List.<String>of() : bundles.getBundleNames()) {
            KeyStore store = bundles.getBundle(name).getStores().getKeyStore();
            if (store != null) {
                sources.addAll(fromKeyStore("bundle " + name, store));
            }
        }
        for (Path path : paths) {
            sources.add(Files.isDirectory(path) ? CertificateSource.pemDirectory(path) : CertificateSource.pemFile(path));
        }
        return sources;
    }

    private static List<CertificateSource> fromKeyStore(String bundle, KeyStore store) {
        List<CertificateSource> sources = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain == null && store.getCertificate(alias) != null) {
                    chain = new Certificate[] {store.getCertificate(alias)};
                }
                if (chain != null && chain.length > 0) {
                    sources.add(CertificateSource.pem(bundle + " " + alias, pem(chain)));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key store of SSL " + bundle + ": " + e.getMessage(), e);
        }
        return sources;
    }

    private static String pem(Certificate[] chain) throws GeneralSecurityException {
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        StringBuilder text = new StringBuilder();
        for (Certificate certificate : chain) {
            text.append("-----BEGIN CERTIFICATE-----\n").append(encoder.encodeToString(certificate.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return text.toString();
    }
}
