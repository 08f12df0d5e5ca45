package io.healthmonitor.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Certificates read from one place, leaf first when they form a chain.
 *
 * @param source       where they were read, as {@link CertificateInfo#source()} shows it
 * @param certificates the certificates, never empty
 * @param hostname     the name the leaf must match, for live endpoints only
 */
record Chain(String source, List<X509Certificate> certificates, @Nullable String hostname) {

    Chain {
        certificates = List.copyOf(certificates);
    }
}
