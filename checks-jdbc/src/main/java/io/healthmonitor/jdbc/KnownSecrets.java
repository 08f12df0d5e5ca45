package io.healthmonitor.jdbc;

import io.healthmonitor.Redactor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The credentials a check knows its DataSource was given: masked wherever a driver echoes them in a
 * way the {@link Redactor} cannot recognise. MariaDB's driver, given {@code jdbc:mariadb://root:pw@host/db},
 * says "Incorrect port value : pw@host"; PostgreSQL's takes {@code user:pw@host} for a host name.
 * Immutable and thread-safe.
 */
final class KnownSecrets {

    static final KnownSecrets NONE = new KnownSecrets(List.of());

    /**
     * Secrets this long are masked wherever they appear. Shorter ones only where they stand alone (not
     * inside a word or number): masking every "pw" inside other words would garble messages, yet
     * "pw@host" must not show the password {@code pw}.
     */
    private static final int MIN_LENGTH_ANYWHERE = 4;
    /** The password of {@code //user:password@host} in a JDBC URL. */
    private static final Pattern URL_PASSWORD = Pattern.compile("//[^/@:?#;]*:([^/?#;]+)@");
    /** A {@code name=value} parameter of a JDBC URL ({@code ?a=b&c=d} or {@code ;a=b;c=d}). */
    private static final Pattern URL_PARAMETER = Pattern.compile("[?&;]([^=&;?#]+)=([^&;#]*)");
    /** Causes looked into, as far as {@link Failure} looks. */
    private static final int MAX_DEPTH = 10;

    /** The secrets' patterns, longest secret first: a secret that holds another is masked whole. */
    private final List<Pattern> secrets;

    private KnownSecrets(List<Pattern> secrets) {
        this.secrets = secrets;
    }

    /**
     * The given passwords, and the credentials in the given JDBC URLs: the password of their
     * user-info and the values of their parameters whose names say secret
     * ({@link Redactor#isSecretName(String)}), each as written and URL-decoded.
     */
    static KnownSecrets of(Collection<String> passwords, Collection<String> jdbcUrls) {
        List<String> found = new ArrayList<>();
        passwords.forEach(password -> add(found, password));
        for (String url : jdbcUrls) {
            Matcher userInfo = URL_PASSWORD.matcher(url);
            if (userInfo.find()) {
                addWithDecoded(found, userInfo.group(1));
            }
            Matcher parameter = URL_PARAMETER.matcher(url);
            while (parameter.find()) {
                if (Redactor.isSecretName(parameter.group(1).trim())) {
                    addWithDecoded(found, parameter.group(2));
                }
            }
        }
        if (found.isEmpty()) {
            return NONE;
        }
        found.sort(Comparator.comparingInt(String::length).reversed());
        return new KnownSecrets(found.stream().map(KnownSecrets::pattern).toList());
    }

    private static void addWithDecoded(List<String> found, String secret) {
        add(found, secret);
        try {
            add(found, URLDecoder.decode(secret, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // not URL-encoded after all ("%" not followed by hex digits): masked as written
        }
    }

    private static void add(List<String> found, @Nullable String secret) {
        if (secret != null && !secret.isEmpty() && !secret.equals(Redactor.MASK) && !found.contains(secret)) {
            found.add(secret);
        }
    }

    private static Pattern pattern(String secret) {
        String literal = Pattern.quote(secret);
        return Pattern.compile(secret.length() >= MIN_LENGTH_ANYWHERE ? literal
                : "(?<![\\p{L}\\p{N}])" + literal + "(?![\\p{L}\\p{N}])");
    }

    /** {@code text} with every known secret masked. */
    String mask(String text) {
        String masked = text;
        for (Pattern secret : secrets) {
            masked = secret.matcher(masked).replaceAll(Matcher.quoteReplacement(Redactor.MASK));
        }
        return masked;
    }

    /** Whether {@code text} holds a known secret. */
    boolean appearIn(@Nullable String text) {
        if (text == null) {
            return false;
        }
        for (Pattern secret : secrets) {
            if (secret.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the message of {@code error} or of one of its causes holds a known secret. */
    boolean appearIn(Throwable error) {
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
            if (appearIn(cause.getMessage()) || appearIn(cause.toString())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
