package io.healthmonitor.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link CertificateExpiryHealthCheck} reads certificates: a PEM file, a directory of PEM
 * files, PEM text (as taken from a Kubernetes secret), a PKCS#12 or JKS keystore, or a live TLS endpoint.
 *
 * <p>A source is read again on every check, so a renewed file or endpoint is seen at the next
 * check. Immutable and thread-safe; {@link #toString()} never shows a password.
 */
public final class CertificateSource {

    /** Reads the chains of one source; live endpoints must be done by {@code deadlineNanos}. */
    @FunctionalInterface
    interface Loader {
        List<Chain> load(long deadlineNanos) throws Exception;
    }

    private final String description;
    private final Loader loader;
    private final boolean live;

    private CertificateSource(String description, Loader loader) {
        this(description, loader, false);
    }

    /**
     * The most of a PEM file that is read. A CA bundle holds a few hundred KiB; a path that names a
     * log, a disk image or {@code /dev/zero} by mistake must not fill the heap.
     */
    static final int MAX_PEM_FILE_BYTES = 4 * 1024 * 1024;

    private CertificateSource(String description, Loader loader, boolean live) {
        this.description = description;
        this.loader = loader;
        this.live = live;
    }

    /**
     * A PEM file holding one or more certificates, such as a chain or a CA bundle; other blocks
     * (private keys) are ignored. What {@code openssl x509 -in file -noout -enddate} reads.
     *
     * @param file the file
     * @return the source
     * @throws NullPointerException if {@code file} is null
     */
    public static CertificateSource pemFile(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        return new CertificateSource(name, deadline -> {
            List<X509Certificate> certificates = Pem.certificates(readPemFile(file));
            if (certificates.isEmpty()) {
                throw new IOException("no PEM certificate in it");
            }
            return List.of(new Chain(name, certificates, null));
        });
    }

    /**
     * Every PEM file in a directory (not its subdirectories), such as a mounted Kubernetes secret
     * or {@code /etc/ssl/certs}. Hidden files are skipped, and so are files without a certificate
     * block ({@code tls.key}); the directory must hold at least one certificate.
     *
     * @param directory the directory
     * @return the source
     * @throws NullPointerException if {@code directory} is null
     */
    public static CertificateSource pemDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        String name = directory.toString();
        return new CertificateSource(name, deadline -> {
            List<Path> files;
            try (Stream<Path> listing = Files.list(directory)) {
                files = listing.filter(file -> !file.getFileName().toString().startsWith("."))
                        .filter(Files::isRegularFile)
                        .sorted()
                        .toList();
            }
            List<Chain> chains = new ArrayList<>();
            for (Path file : files) {
                List<X509Certificate> certificates = Pem.certificates(readPemFile(file));
                if (!certificates.isEmpty()) {
                    chains.add(new Chain(file.toString(), certificates, null));
                }
            }
            if (chains.isEmpty()) {
                throw new IOException("no PEM certificate in the directory");
            }
            return chains;
        });
    }

    /**
     * PEM text, or base64 of PEM text as a Kubernetes secret's {@code .data."tls.crt"} holds it.
     *
     * @param name a name for reports, such as {@code secret credlink/credlink-ssl-certs tls.crt}
     * @param text the PEM text
     * @return the source
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static CertificateSource pem(String name, String text) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        return new CertificateSource(name, deadline -> {
            List<X509Certificate> certificates = Pem.certificates(text);
            if (certificates.isEmpty()) {
                throw new IOException("no PEM certificate in it");
            }
            return List.of(new Chain(name, certificates, null));
        });
    }

    /**
     * Every entry of a PKCS#12 or JKS keystore file (the type is detected): the chain of each key
     * entry and the certificate of each trusted entry, reported as {@code file#alias}.
     *
     * @param file     the keystore file
     * @param password the keystore password; copied, and never shown in results or {@code toString()}
     * @return the source
     * @throws NullPointerException if an argument is null
     */
    public static CertificateSource keyStore(Path file, char[] password) {
        Objects.requireNonNull(file, "file");
        char[] secret = Objects.requireNonNull(password, "password").clone();
        String name = file.toString();
        return new CertificateSource(name, deadline -> {
            KeyStore store = KeyStore.getInstance(file.toFile(), secret.clone());
            List<Chain> chains = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                Certificate[] chain = store.getCertificateChain(alias);
                List<Certificate> certificates = chain != null ? Arrays.asList(chain)
                        : store.getCertificate(alias) != null ? List.of(store.getCertificate(alias)) : List.of();
                List<X509Certificate> x509 = certificates.stream()
                        .filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
                if (!x509.isEmpty()) {
                    chains.add(new Chain(name + "#" + alias, x509, null));
                }
            }
            if (chains.isEmpty()) {
                throw new IOException("no certificate in keystore " + name);
            }
            return chains;
        });
    }

    /**
     * A live TLS endpoint: connects, sends {@code host} as SNI when it is a name, and reads the
     * chain the server presents, like {@code openssl s_client -servername host -connect host:port}.
     * Expired, self-signed and untrusted chains are read and reported, not refused.
     *
     * @param host the host name or IP address
     * @param port the port
     * @return the source
     * @throws NullPointerException     if {@code host} is null
     * @throws IllegalArgumentException if {@code host} is blank or {@code port} is not between 1 and 65535
     */
    public static CertificateSource endpoint(String host, int port) {
        return endpoint(host, port, null);
    }

    /**
     * A live TLS endpoint reached at {@code host} but asked for {@code serverName} (SNI), like
     * {@code openssl s_client -servername serverName -connect host:port}; hostname verification,
     * when enabled, checks {@code serverName}.
     *
     * @param host       the host name or IP address to connect to
     * @param port       the port
     * @param serverName the name to send as SNI and to verify, or null for {@code host}
     * @return the source
     * @throws NullPointerException     if {@code host} is null
     * @throws IllegalArgumentException if {@code host} or {@code serverName} is blank, or {@code port}
     *                                  is not between 1 and 65535
     */
    public static CertificateSource endpoint(String host, int port, @Nullable String serverName) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535");
        }
        if (serverName != null && serverName.isBlank()) {
            throw new IllegalArgumentException("serverName must not be blank");
        }
        String name = host + ":" + port + (serverName != null && !serverName.equals(host) ? " (" + serverName + ")" : "");
        String verified = serverName != null ? serverName : host;
        return new CertificateSource(name, deadline ->
                List.of(new Chain(name, TlsEndpoint.presentedChain(host, port, serverName, deadline), verified)), true);
    }

    /** Reads the source's chains; a live endpoint by {@code deadlineNanos} ({@link System#nanoTime()}), files at once. */
    List<Chain> load(long deadlineNanos) throws Exception {
        return loader.load(deadlineNanos);
    }

    /** Whether reading it takes network time (a live endpoint), which the check shares out among such sources. */
    boolean live() {
        return live;
    }

    /**
     * Returns the source's name as results show it: a path, or {@code host:port}.
     *
     * @return the name
     */
    public String name() {
        return description;
    }

    /**
     * Returns the source's name (see {@link #name()}).
     *
     * @return the name
     */
    @Override
    public String toString() {
        return description;
    }

    /** A PEM file's text, at most {@link #MAX_PEM_FILE_BYTES}; a device or pipe is refused, never read. */
    private static String readPemFile(Path file) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IOException("not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_PEM_FILE_BYTES + 1);
            if (bytes.length > MAX_PEM_FILE_BYTES) {
                throw new IOException("larger than " + MAX_PEM_FILE_BYTES + " bytes: not a PEM certificate file");
            }
            // ISO-8859-1 maps every byte: the PEM blocks are ASCII, whatever surrounds them.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
