package io.healthmonitor.jdbc;

import io.healthmonitor.Redactor;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code url} detail: where the check connected, {@code jdbc:mariadb://db:3306/app}, without
 * parameters or credentials. Stateless.
 */
final class JdbcAddress {

    /** {@code jdbc:<driver>[:<mode>]://<hosts>/<rest>}: MariaDB's {@code jdbc:mariadb:replication://h1,h2/db} included. */
    private static final Pattern HIERARCHICAL = Pattern.compile("(?i)(jdbc:([a-z0-9]+)(?::[a-z0-9]+)*://)([^/]*)(.*)", Pattern.DOTALL);
    /**
     * The ports drivers leave out of {@code DatabaseMetaData.getURL()} when they are the default:
     * MariaDB's driver always does, pgjdbc when the URL it was given had none.
     */
    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("mariadb", 3306, "mysql", 3306, "postgresql", 5432);

    private JdbcAddress() {
    }

    /**
     * The URL without its parameters ({@code ?..} or {@code ;..}), since drivers echo every
     * connection property there, credentials included; what is left is redacted
     * ({@code user:pass@host}) and masked, and each host of a known driver gets its port, the
     * default one where the driver left it out.
     */
    static @Nullable String of(@Nullable String url, KnownSecrets secrets) {
        if (url == null) {
            return null;
        }
        int end = url.length();
        for (char separator : new char[] {'?', ';'}) {
            int index = url.indexOf(separator);
            if (index >= 0 && index < end) {
                end = index;
            }
        }
        return withPorts(secrets.mask(Redactor.redact(url.substring(0, end))));
    }

    /**
     * The hosts and ports alone ({@code 127.0.0.1:5432}, {@code db1:3306,db2:3307}), redacted and
     * masked; null when the URL names none.
     */
    static @Nullable String hosts(String url, KnownSecrets secrets) {
        Matcher parts = HIERARCHICAL.matcher(Objects.requireNonNull(of(url, secrets)));
        return parts.matches() && !parts.group(3).isEmpty() ? parts.group(3) : null;
    }

    private static String withPorts(String url) {
        Matcher parts = HIERARCHICAL.matcher(url);
        if (!parts.matches()) {
            return url;
        }
        Integer port = DEFAULT_PORTS.get(parts.group(2).toLowerCase(Locale.ROOT));
        if (port == null || parts.group(3).isEmpty()) {
            return url;
        }
        StringBuilder hosts = new StringBuilder();
        for (String host : parts.group(3).split(",", -1)) {
            if (!hosts.isEmpty()) {
                hosts.append(',');
            }
            hosts.append(host);
            if (!host.isEmpty() && !hasPort(host.substring(host.lastIndexOf('@') + 1))) {
                hosts.append(':').append(port);
            }
        }
        return parts.group(1) + hosts + parts.group(4);
    }

    /** {@code db:5432}, {@code [::1]:5432}; MariaDB's {@code address=(host=..)(port=..)} is left as written. */
    private static boolean hasPort(String host) {
        if (host.indexOf('(') >= 0) {
            return true;
        }
        int bracket = host.lastIndexOf(']');
        return host.indexOf(':', bracket + 1) >= 0;
    }
}
