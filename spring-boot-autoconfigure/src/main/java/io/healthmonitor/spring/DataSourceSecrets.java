package io.healthmonitor.spring;

import io.healthmonitor.Redactor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The database credentials Spring Boot knows, for the {@code db} check to mask wherever a driver
 * echoes them ({@code DataSourceHealthCheck.Builder#secrets}): the password of every
 * {@link DataSourceProperties} bean ({@code spring.datasource.password}, and the XA properties whose
 * names say secret) and of every {@link JdbcConnectionDetails} bean, and the credentials written in
 * their URLs ({@code //user:password@host}, and parameters whose names say secret). The check reads a
 * HikariCP pool's credentials itself, but not those of a DataSource that hides them (MariaDB's
 * {@code MariaDbDataSource} has no {@code getPassword()}) or of one behind a wrapper, such as Spring's
 * {@code DelegatingDataSource}.
 *
 * <p>Touches Spring Boot's JDBC classes only when {@code spring-boot-jdbc} is on the class path.
 */
final class DataSourceSecrets {

    private static final String PROPERTIES_CLASS = "org.springframework.boot.jdbc.autoconfigure.DataSourceProperties";
    /** The password of {@code //user:password@host} in a JDBC URL, as the check reads it from a URL it can see. */
    private static final Pattern URL_PASSWORD = Pattern.compile("//[^/@:?#;]*:([^/?#;]+)@");
    /** A {@code name=value} parameter of a JDBC URL ({@code ?a=b&c=d} or {@code ;a=b;c=d}). */
    private static final Pattern URL_PARAMETER = Pattern.compile("[?&;]([^=&;?#]+)=([^&;#]*)");

    private DataSourceSecrets() {
    }

    /** The credentials of the application's DataSource configuration; none without {@code spring-boot-jdbc}. */
    static String[] of(ApplicationContext context) {
        if (!ClassUtils.isPresent(PROPERTIES_CLASS, context.getClassLoader())) {
            return new String[0];
        }
        List<String> secrets = new ArrayList<>();
        Boot.collect(context, secrets);
        return secrets.toArray(String[]::new);
    }

    /** What refers to Spring Boot's JDBC classes, loaded only once they are known to be there. */
    private static final class Boot {

        static void collect(ListableBeanFactory beans, List<String> secrets) {
            beans.getBeanProvider(DataSourceProperties.class).orderedStream().forEach(properties -> {
                add(secrets, properties.getPassword());
                addFromUrl(secrets, properties.getUrl());
                for (Map.Entry<String, String> property : properties.getXa().getProperties().entrySet()) {
                    if (Redactor.isSecretName(property.getKey())) {
                        add(secrets, property.getValue());
                    }
                }
            });
            beans.getBeanProvider(JdbcConnectionDetails.class).orderedStream().forEach(details -> {
                add(secrets, details.getPassword());
                addFromUrl(secrets, details.getJdbcUrl());
            });
        }
    }

    private static void addFromUrl(List<String> secrets, @Nullable String url) {
        if (url == null) {
            return;
        }
        Matcher userInfo = URL_PASSWORD.matcher(url);
        if (userInfo.find()) {
            addWithDecoded(secrets, userInfo.group(1));
        }
        Matcher parameter = URL_PARAMETER.matcher(url);
        while (parameter.find()) {
            if (Redactor.isSecretName(parameter.group(1).trim())) {
                addWithDecoded(secrets, parameter.group(2));
            }
        }
    }

    private static void addWithDecoded(List<String> secrets, String secret) {
        add(secrets, secret);
        try {
            add(secrets, URLDecoder.decode(secret, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // not URL-encoded after all ("%" not followed by hex digits): masked as written
        }
    }

    private static void add(List<String> secrets, @Nullable String secret) {
        if (secret != null && !secret.isEmpty() && !secrets.contains(secret)) {
            secrets.add(secret);
        }
    }
}
