package io.healthmonitor.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code CERTIFICATE} blocks of PEM text. Other blocks (private keys in a combined PEM
 * or in a secret's {@code tls.key}) are skipped without being decoded, so they never reach a message.
 */
final class Pem {

    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([A-Za-z0-9+/=\\s]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]+");

    private Pem() {
    }

    /**
     * Returns the certificates in {@code text}, in order; none when it holds no certificate block.
     * Text that is itself base64 of PEM, as a Kubernetes secret's {@code .data} holds it, is decoded first.
     */
    static List<X509Certificate> certificates(String text) throws CertificateException {
        String pem = text;
        if (!pem.contains("-----BEGIN") && !pem.isBlank() && BASE64.matcher(pem).matches()) {
            try {
                pem = new String(Base64.getMimeDecoder().decode(pem.strip()), StandardCharsets.US_ASCII);
            } catch (IllegalArgumentException e) {
                return List.of();
            }
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> result = new ArrayList<>();
        Matcher matcher = CERTIFICATE.matcher(pem);
        int index = 0;
        while (matcher.find()) {
            index++;
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(matcher.group(1).strip());
            } catch (IllegalArgumentException e) {
                throw new CertificateException("certificate block " + index + " is not valid base64", e);
            }
            try {
                result.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException e) {
                throw new CertificateException("certificate block " + index + " is not a valid X.509 certificate", e);
            }
        }
        return result;
    }
}
