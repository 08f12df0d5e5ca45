package io.healthmonitor.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Where a check learns the credentials its DataSource was given, to mask them ({@link KnownSecrets}):
 * the secrets and JDBC URLs given to its builder, the DataSource's own {@code password} and {@code url}
 * properties, and a HikariCP pool's configuration; and, from the same URL, which server a failed
 * connection attempt was meant for.
 *
 * <p>The JDBC specification makes {@code password} a standard DataSource property, a JavaBeans
 * property with a public getter where the DataSource lets it be read (PostgreSQL's
 * {@code PGSimpleDataSource} does, MariaDB's {@code MariaDbDataSource} does not), and drivers name
 * their URL property {@code url}/{@code URL} (PostgreSQL, MariaDB, MySQL, H2). Reading those two
 * getters is the one way to learn the credentials of any driver's DataSource without depending on
 * every driver. The properties are read again for each unhealthy result, so a password set or
 * rotated after the check was built is masked too; a getter that is missing, not public or that
 * fails is skipped.
 *
 * <p>Immutable and thread-safe (as far as the DataSource's getters are).
 */
final class Credentials {

    private final DataSource dataSource;
    private final List<String> given;
    private final List<String> givenUrls;
    private final boolean hikariPresent;

    Credentials(DataSource dataSource, List<String> given, List<String> givenUrls, boolean hikariPresent) {
        this.dataSource = dataSource;
        this.given = List.copyOf(given);
        this.givenUrls = List.copyOf(givenUrls);
        this.hikariPresent = hikariPresent;
    }

    /** The credentials known now. */
    KnownSecrets read() {
        List<String> urls = new ArrayList<>(2);
        return read(urls);
    }

    /**
     * The hosts and ports of the DataSource's URL ({@code 127.0.0.1:5432}), with the credentials
     * masked, for messages about a connection that could not be had; null when it has no URL the check can read.
     */
    @Nullable String server() {
        List<String> urls = new ArrayList<>(2);
        KnownSecrets secrets = read(urls);
        for (String url : urls) {
            String hosts = JdbcAddress.hosts(url, secrets);
            if (hosts != null) {
                return hosts;
            }
        }
        return null;
    }

    /** The credentials known now; adds the URLs read from the DataSource (not those given) to {@code urls}. */
    private KnownSecrets read(List<String> urls) {
        List<String> passwords = new ArrayList<>(given);
        readProperties(dataSource, passwords, urls);
        if (hikariPresent) {
            HikariPools.credentials(dataSource, passwords, urls);
        }
        List<String> all = new ArrayList<>(urls);
        all.addAll(givenUrls);
        return KnownSecrets.of(passwords, all);
    }

    /** Adds the {@code password} and {@code url} (or {@code URL}) properties of a DataSource bean, where it has them. */
    static void readProperties(@Nullable Object bean, List<String> passwords, List<String> urls) {
        if (bean == null) {
            return;
        }
        addIfSet(passwords, property(bean, "getPassword"));
        addIfSet(urls, property(bean, "getUrl"));
        addIfSet(urls, property(bean, "getURL"));
    }

    static void addIfSet(List<String> values, @Nullable String value) {
        if (value != null && !value.isEmpty()) {
            values.add(value);
        }
    }

    private static @Nullable String property(Object bean, String getter) {
        try {
            Method method = bean.getClass().getMethod(getter);
            if (method.getReturnType() != String.class || Modifier.isStatic(method.getModifiers())) {
                return null;
            }
            return (String) method.invoke(bean);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // No such property, a class the check may not call (not public, not exported), or a getter that failed.
            return null;
        }
    }
}
