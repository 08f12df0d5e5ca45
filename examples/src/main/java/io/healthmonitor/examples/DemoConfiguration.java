package io.healthmonitor.examples;

import io.healthmonitor.fleet.FleetPublisher;
import io.healthmonitor.http.Endpoints;
import io.lettuce.core.RedisURI;
import io.nats.client.Options;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The demo's environment, every variable checked before anything starts: a malformed one fails the
 * start before a port is bound or a check runs. Each error names the variable and what it expects,
 * never its value (which may be a credential), and reads right after redaction.
 *
 * @param port         {@code PORT}, 0 for any free port
 * @param service      {@code SERVICE_NAME}
 * @param token        {@code HEALTH_TOKEN}, null for loopback callers only
 * @param basePath     {@code HEALTH_BASE_PATH}, empty for none
 * @param database     {@code DATABASE_URL} without user-info, and the user and password
 * @param redis        {@code REDIS_URL}, parsed
 * @param natsUrl      {@code NATS_URL}
 * @param instanceId   {@code INSTANCE_ID}
 * @param httpEndpoints {@code HTTP_ENDPOINTS}
 * @param tlsEndpoints {@code TLS_ENDPOINTS}
 * @param certPaths    {@code CERT_PATHS}
 */
record DemoConfiguration(int port, String service, @Nullable String token, String basePath, Database database,
                         @Nullable RedisURI redis, @Nullable String natsUrl, @Nullable String instanceId,
                         List<URI> httpEndpoints, List<TlsEndpoint> tlsEndpoints, List<Path> certPaths) {

    /** The JDBC URL checked when {@code DATABASE_URL} is not set. */
    static final String DEFAULT_DATABASE_URL = "jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1";

    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");

    /**
     * The database to check: a URL that no driver will see credentials in, and the credentials.
     *
     * @param url      the JDBC URL, user-info removed
     * @param user     the user, or null for the driver's default
     * @param password the password, or null
     */
    record Database(String url, @Nullable String user, @Nullable String password) {
    }

    /**
     * A {@code TLS_ENDPOINTS} entry.
     *
     * @param host the host
     * @param port the port, 1 to 65535
     */
    record TlsEndpoint(String host, int port) {
    }

    /**
     * Reads and checks the environment.
     *
     * @param env the environment variables
     * @return the configuration
     * @throws IllegalArgumentException if a variable is malformed; the message names it and never repeats its value
     */
    static DemoConfiguration from(Map<String, String> env) {
        String token = value(env, "HEALTH_TOKEN");
        if (token != null && (token.length() < 16 || token.chars().anyMatch(c -> c < '!' || c > '~'))) {
            throw new IllegalArgumentException("HEALTH_TOKEN must be at least 16 visible ASCII characters (! to ~, no white space)"
                    + " (or unset: details for loopback callers only)");
        }
        String natsUrl = value(env, "NATS_URL");
        if (natsUrl != null) {
            natsUrl(natsUrl);
        }
        String instanceId = value(env, "INSTANCE_ID");
        if (instanceId != null) {
            instanceId(instanceId);
        }
        String redisUrl = value(env, "REDIS_URL");
        return new DemoConfiguration(port(env.get("PORT")), service(env.get("SERVICE_NAME")), token,
                basePath(env.getOrDefault("HEALTH_BASE_PATH", "")), database(env),
                redisUrl == null ? null : redisUri(redisUrl), natsUrl, instanceId,
                httpEndpoints(env.get("HTTP_ENDPOINTS")), tlsEndpoints(env.get("TLS_ENDPOINTS")),
                certPaths(env.get("CERT_PATHS")));
    }

    /** A variable's value; unset and blank are the same. */
    private static @Nullable String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static int port(@Nullable String value) {
        if (value == null) {
            return 8080;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below, without the value NumberFormatException quotes
        }
        throw new IllegalArgumentException("PORT must be a port number from 0 to 65535 (0: any free port)");
    }

    private static String service(@Nullable String value) {
        if (value == null) {
            return "demo";
        }
        if (!SERVICE_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("SERVICE_NAME must be 1 to 64 letters, digits and . _ -,"
                    + " starting with a letter or digit");
        }
        return value;
    }

    private static String basePath(String value) {
        try {
            return Endpoints.builder().basePath(value).build().basePath();
        } catch (IllegalArgumentException e) {
            // Endpoints' own message quotes the value.
            throw new IllegalArgumentException("HEALTH_BASE_PATH must be empty or /segment[/segment...] of letters,"
                    + " digits and . _ ~ -, such as /manage");
        }
    }

    private static void natsUrl(String url) {
        try {
            new Options.Builder().server(url).build();
            // jnats takes a port out of range and fails at every connect attempt ("port out of range:99999"),
            // reporting "connecting" for ever: the demo would start with a URL it can never use.
            for (String server : url.split(",")) {
                String withScheme = server.trim().contains("://") ? server.trim() : "nats://" + server.trim();
                if (!hostAndPort(new URI(withScheme))) {
                    throw new IllegalArgumentException("no host or a port out of range");
                }
            }
        } catch (IllegalArgumentException | URISyntaxException e) {
            // jnats' message and cause quote the URL, password included.
            throw new IllegalArgumentException("NATS_URL is not a NATS URL such as nats://host:4222");
        }
    }

    /** Whether {@code uri} names a host, and a port from 1 to 65535 if any. */
    private static boolean hostAndPort(URI uri) {
        return uri.getHost() != null && (uri.getPort() == -1 || (uri.getPort() >= 1 && uri.getPort() <= 65535));
    }

    private static void instanceId(String id) {
        try {
            FleetPublisher.validInstance(id);
        } catch (IllegalArgumentException e) {
            // The fleet's message quotes the id.
            throw new IllegalArgumentException("INSTANCE_ID must be a fleet instance id: 1 to 128 letters, digits and"
                    + " - / _ = . (not starting or ending with a dot, no two dots in a row)");
        }
    }

    /** Parses {@code REDIS_URL}; Lettuce's own message would quote it, password included. */
    private static RedisURI redisUri(String url) {
        try {
            RedisURI uri = RedisURI.create(url);
            // Lettuce takes redis://host:notaport as the host "host:notaport" on 6379, and :0 as 6379:
            // the demo would start and check something else than what was meant.
            if (uri.getSocket() == null && uri.getSentinels().isEmpty() && !hostAndPort(new URI(url))) {
                throw new IllegalArgumentException("no host or a port out of range");
            }
            return uri;
        } catch (RuntimeException | URISyntaxException e) {
            // The example has no password: the redactor would mask one, and the reader see redis://***@host.
            throw new IllegalArgumentException("REDIS_URL is not a Redis URL such as redis://host:6379"
                    + " (a user and password go before the host, ending with @; special characters in them,"
                    + " a space included, must be percent-encoded)");
        }
    }

    /**
     * {@code DATABASE_URL} and its credentials. Neither the PostgreSQL nor the MariaDB driver
     * understands user-info in the URL ({@code //user:password@host}): they read the password as a host
     * or a port and quote it in their errors. So it is taken out of the URL here and used as the user
     * and password; giving them in {@code DATABASE_USER}/{@code DATABASE_PASSWORD} as well is an error.
     */
    static Database database(Map<String, String> env) {
        String url = env.getOrDefault("DATABASE_URL", DEFAULT_DATABASE_URL).trim();
        String user = env.get("DATABASE_USER");
        String password = env.get("DATABASE_PASSWORD");
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("DATABASE_URL cannot be used: it must be a JDBC URL such as"
                    + " jdbc:postgresql://host:5432/db");
        }
        int slashes = url.indexOf("//");
        if (slashes >= 0) {
            int start = slashes + 2;
            int end = start;
            while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
                end++;
            }
            int at = url.lastIndexOf('@', end - 1);
            if (at >= start) {
                if (user != null || password != null) {
                    throw new IllegalArgumentException("DATABASE_URL has a user (user-info before @) and DATABASE_USER"
                            + " or DATABASE_PASSWORD is set too: give the credentials in one place only");
                }
                String userInfo = url.substring(start, at);
                int colon = userInfo.indexOf(':');
                user = percentDecoded(colon < 0 ? userInfo : userInfo.substring(0, colon));
                password = colon < 0 ? null : percentDecoded(userInfo.substring(colon + 1));
                url = url.substring(0, start) + url.substring(at + 1);
            }
        }
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new IllegalArgumentException("DATABASE_URL cannot be used: no JDBC driver accepts it"
                    + " (PostgreSQL, MariaDB and H2 drivers are included)");
        }
        return new Database(url, user, password);
    }

    /** {@code %40} is {@code @}; a {@code +} stays a {@code +} (user-info is not a form). */
    private static String percentDecoded(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int value = i + 2 < text.length() ? hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)) : -1;
                if (value < 0) {
                    throw new IllegalArgumentException("DATABASE_URL has a % in its user-info that is not followed by"
                            + " two hexadecimal digits (percent-encode % as %25)");
                }
                bytes.write(value);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        int digit = Character.digit(c, 16);
        return digit < 0 ? -1024 : digit;
    }

    private static List<URI> httpEndpoints(@Nullable String value) {
        List<URI> endpoints = new ArrayList<>();
        List<String> entries = list(value);
        for (int i = 0; i < entries.size(); i++) {
            URI uri = null;
            try {
                uri = new URI(entries.get(i));
            } catch (URISyntaxException e) {
                // said below, without the value the exception quotes
            }
            if (uri == null || uri.getHost() == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalArgumentException("HTTP_ENDPOINTS has an entry that is not a URL such as"
                        + " http://host:8080/health (entry " + (i + 1) + " of " + entries.size() + ")");
            }
            endpoints.add(uri);
        }
        return List.copyOf(endpoints);
    }

    private static List<TlsEndpoint> tlsEndpoints(@Nullable String value) {
        List<TlsEndpoint> endpoints = new ArrayList<>();
        List<String> entries = list(value);
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            int colon = entry.lastIndexOf(':');
            int port = -1;
            if (colon > 0 && HOST.matcher(entry.substring(0, colon)).matches()) {
                try {
                    port = Integer.parseInt(entry.substring(colon + 1));
                } catch (NumberFormatException e) {
                    // said below, without the value NumberFormatException quotes
                }
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("TLS_ENDPOINTS must be host:port,... with a port from 1 to 65535"
                        + " (entry " + (i + 1) + " of " + entries.size() + " is not)");
            }
            String host = entry.substring(0, colon);
            endpoints.add(new TlsEndpoint(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port));
        }
        return List.copyOf(endpoints);
    }

    private static List<Path> certPaths(@Nullable String value) {
        List<Path> paths = new ArrayList<>();
        List<String> entries = list(value);
        for (int i = 0; i < entries.size(); i++) {
            try {
                paths.add(Path.of(entries.get(i)));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("CERT_PATHS has an entry that is not a path"
                        + " (entry " + (i + 1) + " of " + entries.size() + ")");
            }
        }
        return List.copyOf(paths);
    }

    private static List<String> list(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
