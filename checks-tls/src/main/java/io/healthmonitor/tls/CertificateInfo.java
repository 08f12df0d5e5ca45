package io.healthmonitor.tls;

import java.math.BigInteger;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * What a check found out about one certificate: where it came from, who it names, and when it is valid.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source                  where the certificate was read: a file path, {@code path#alias} of a
 *                                keystore entry, the name given to PEM text, or {@code host:port}
 * @param subject                 the subject distinguished name (RFC 2253), such as {@code CN=api.example.com,O=Example}
 * @param issuer                  the issuer distinguished name (RFC 2253)
 * @param serialNumber            the serial number in upper-case hexadecimal, as {@code openssl x509 -serial} prints it
 * @param subjectAlternativeNames the alternative names as {@code DNS:name}, {@code IP:address}, {@code email:...}
 *                                or {@code URI:...}; copied
 * @param notBefore               the start of the validity period
 * @param notAfter                the end of the validity period (inclusive)
 */
public record CertificateInfo(
        String source,
        String subject,
        String issuer,
        String serialNumber,
        List<String> subjectAlternativeNames,
        Instant notBefore,
        Instant notAfter) {

    private static final long SECONDS_PER_DAY = 86_400;

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if {@code source} or {@code serialNumber} is blank, or
     *                                  {@code notAfter} is before {@code notBefore}
     */
    public CertificateInfo {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        subjectAlternativeNames = List.copyOf(Objects.requireNonNull(subjectAlternativeNames, "subjectAlternativeNames"));
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        if (serialNumber.isBlank()) {
            throw new IllegalArgumentException("serialNumber must not be blank");
        }
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("notAfter must not be before notBefore");
        }
    }

    /**
     * Reads the fields of a certificate.
     *
     * @param source      where the certificate was read (see {@link #source()})
     * @param certificate the certificate
     * @return its description
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code source} is blank or the certificate's alternative names cannot be parsed
     */
    public static CertificateInfo of(String source, X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        return new CertificateInfo(
                source,
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
                hex(certificate.getSerialNumber()),
                alternativeNames(certificate),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
    }

    /**
     * Returns the subject's most specific common name, or the whole subject when it has none.
     *
     * @return the common name, such as {@code api.example.com}
     */
    public String commonName() {
        try {
            List<Rdn> rdns = new LdapName(subject).getRdns();
            // LdapName lists RDNs from the least specific; the last CN is the most specific one.
            String found = null;
            for (Rdn rdn : rdns) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    found = String.valueOf(rdn.getValue());
                }
            }
            return found != null ? found : subject;
        } catch (InvalidNameException | IllegalArgumentException e) {
            return subject;
        }
    }

    /**
     * Returns the time left until {@link #notAfter()}, negative once expired.
     *
     * @param now the current instant
     * @return the time left
     * @throws NullPointerException if {@code now} is null
     */
    public Duration timeLeft(Instant now) {
        return Duration.between(Objects.requireNonNull(now, "now"), notAfter);
    }

    /**
     * Returns the whole days left until {@link #notAfter()}, rounded down: 5 for five and a half
     * days, 0 in the last day, -1 in the first day after expiry.
     *
     * @param now the current instant
     * @return the days left, negative once expired
     * @throws NullPointerException if {@code now} is null
     */
    public long daysLeft(Instant now) {
        return Math.floorDiv(timeLeft(now).getSeconds(), SECONDS_PER_DAY);
    }

    /**
     * Returns whether {@code now} lies in the validity period.
     *
     * @param now the current instant
     * @return true when {@code notBefore <= now <= notAfter}
     * @throws NullPointerException if {@code now} is null
     */
    public boolean isValidAt(Instant now) {
        Objects.requireNonNull(now, "now");
        return !now.isBefore(notBefore) && !now.isAfter(notAfter);
    }

    /** The certificate as a result detail: JSON-safe, dates as ISO-8601 text. */
    Map<String, Object> toDetail(Instant now) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("source", source);
        detail.put("subject", subject);
        detail.put("issuer", issuer);
        detail.put("serialNumber", serialNumber);
        detail.put("subjectAlternativeNames", subjectAlternativeNames);
        detail.put("notBefore", notBefore.toString());
        detail.put("notAfter", notAfter.toString());
        detail.put("expiresInDays", daysLeft(now));
        return detail;
    }

    private static String hex(BigInteger serial) {
        String digits = serial.toString(16).toUpperCase(Locale.ROOT);
        return digits.length() % 2 == 0 ? digits : "0" + digits;
    }

    private static List<String> alternativeNames(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unparseable subject alternative names: " + e.getMessage(), e);
        }
        if (names == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>(names.size());
        for (List<?> name : names) {
            if (name.size() < 2 || !(name.get(0) instanceof Integer type) || !(name.get(1) instanceof String value)) {
                continue; // otherName, x400Address and ediPartyName come as DER bytes: not useful to operators
            }
            String label = switch (type) {
                case 1 -> "email";
                case 2 -> "DNS";
                case 4 -> "DirName";
                case 6 -> "URI";
                case 7 -> "IP";
                case 8 -> "RID";
                default -> "other";
            };
            result.add(label + ":" + value);
        }
        return result;
    }
}
