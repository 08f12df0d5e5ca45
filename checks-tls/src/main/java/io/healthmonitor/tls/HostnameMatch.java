package io.healthmonitor.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Whether a server certificate names the host a client asked for, as HTTPS clients decide it
 * (RFC 6125): IP addresses against IP alternative names; host names against DNS alternative
 * names, with a wildcard only as the whole left-most label; the common name only when the
 * certificate has no DNS alternative name.
 */
final class HostnameMatch {

    private static final int DNS = 2;
    private static final int IP = 7;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HostnameMatch() {
    }

    /** Whether {@code name} is a host name rather than an IP literal (only names go in SNI). */
    static boolean isHostname(String name) {
        return !IPV4.matcher(name).matches() && name.indexOf(':') < 0 && !name.isBlank();
    }

    static boolean matches(String host, X509Certificate certificate) throws CertificateParsingException {
        String wanted = normalize(host);
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        List<String> dnsNames = new ArrayList<>();
        List<String> ipAddresses = new ArrayList<>();
        if (names != null) {
            for (List<?> name : names) {
                if (name.size() >= 2 && name.get(0) instanceof Integer type && name.get(1) instanceof String value) {
                    if (type == DNS) {
                        dnsNames.add(value);
                    } else if (type == IP) {
                        ipAddresses.add(value);
                    }
                }
            }
        }
        if (!isHostname(wanted)) {
            InetAddress address = literal(wanted);
            return address != null && ipAddresses.stream().map(HostnameMatch::literal).anyMatch(address::equals);
        }
        if (!dnsNames.isEmpty()) {
            return dnsNames.stream().anyMatch(pattern -> matchesName(wanted, normalize(pattern)));
        }
        String commonName = commonName(certificate);
        return commonName != null && matchesName(wanted, normalize(commonName));
    }

    static boolean matchesName(String host, String pattern) {
        if (!pattern.startsWith("*.")) {
            return host.equals(pattern);
        }
        String suffix = pattern.substring(1); // ".example.com"
        // A wildcard stands for exactly one label, and never for a public suffix such as "*.com".
        if (suffix.indexOf('.', 1) < 0 || suffix.contains("*")) {
            return false;
        }
        int firstDot = host.indexOf('.');
        return firstDot > 0 && host.substring(firstDot).equals(suffix);
    }

    private static String normalize(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            lower = lower.substring(1, lower.length() - 1);
        }
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static InetAddress literal(String address) {
        try {
            // Only literals reach here (isHostname is false), so this never does a DNS lookup.
            return InetAddress.getByName(address);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static String commonName(X509Certificate certificate) {
        try {
            String found = null;
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    found = String.valueOf(rdn.getValue());
                }
            }
            return found;
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
