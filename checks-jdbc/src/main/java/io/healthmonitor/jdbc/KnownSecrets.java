package io.healthmonitor.jdbc;

import io.healthmonitor.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The credentials a check knows its pool was given: masked wherever a driver echoes them in a way
 * the {@link Redactor} cannot recognise. MariaDB's driver, given {@code jdbc:mariadb://root:pw@host/db},
 * says "Incorrect port value : pw@host"; PostgreSQL's takes {@code user:pw@host} for a host name.
 * Immutable and thread-safe.
 */
final class KnownSecrets {

    static final KnownSecrets NONE = new KnownSecrets(List.of());

    /** Shorter secrets are not looked for: masking every "a" would garble messages, not protect anything. */
    private static final int MIN_LENGTH = 4;
    /** The password of {@code //user:password@host} in a JDBC URL. */
    private static final Pattern URL_PASSWORD = Pattern.compile("//[^/@:?#;]*:([^/@?#;]+)@");

    private final List<String> secrets;

    private KnownSecrets(List<String> secrets) {
        this.secrets = secrets;
    }

    /** The pool's password and the password in its JDBC URL's user-info, where set. */
    static KnownSecrets of(@Nullable String password, @Nullable String jdbcUrl) {
        List<String> found = new ArrayList<>(2);
        add(found, password);
        if (jdbcUrl != null) {
            Matcher userInfo = URL_PASSWORD.matcher(jdbcUrl);
            if (userInfo.find()) {
                add(found, userInfo.group(1));
            }
        }
        return found.isEmpty() ? NONE : new KnownSecrets(List.copyOf(found));
    }

    private static void add(List<String> found, @Nullable String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH && !found.contains(secret)) {
            found.add(secret);
        }
    }

    /** {@code text} with every known secret masked. */
    String mask(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, Redactor.MASK);
        }
        return masked;
    }

    /** Whether {@code text} holds a known secret. */
    boolean appearIn(@Nullable String text) {
        if (text == null) {
            return false;
        }
        for (String secret : secrets) {
            if (text.contains(secret)) {
                return true;
            }
        }
        return false;
    }
}
