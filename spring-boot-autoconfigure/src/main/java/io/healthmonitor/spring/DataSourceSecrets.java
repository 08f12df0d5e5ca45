package io.healthmonitor.spring;

import io.healthmonitor.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The database credentials Spring Boot knows, for the {@code db} check to mask wherever a driver
 * echoes them ({@code DataSourceHealthCheck.Builder#secrets} and {@code #secretsIn}): the password
 * of every {@link DataSourceProperties} bean ({@code spring.datasource.password}, and the XA
 * properties whose names say secret) and of every {@link JdbcConnectionDetails} bean, and their
 * URLs, in which the check finds the credentials itself. The check reads a
 * HikariCP pool's credentials itself, but not those of a DataSource that hides them (MariaDB's
 * {@code MariaDbDataSource} has no {@code getPassword()}) or of one behind a wrapper, such as Spring's
 * {@code DelegatingDataSource}.
 *
 * <p>Touches Spring Boot's JDBC classes only when {@code spring-boot-jdbc} is on the class path.
 */
final class DataSourceSecrets {

    private static final String PROPERTIES_CLASS = "org.springframework.boot.jdbc.autoconfigure.DataSourceProperties";

    /** The passwords, and the JDBC URLs that may hold credentials. */
    record Known(String[] passwords, String[] urls) {
    }

    private DataSourceSecrets() {
    }

    /** The credentials of the application's DataSource configuration; none without {@code spring-boot-jdbc}. */
    static Known of(ApplicationContext context) {
        List<String> passwords = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        if (ClassUtils.isPresent(PROPERTIES_CLASS, context.getClassLoader())) {
            Boot.collect(context, passwords, urls);
        }
        return new Known(passwords.toArray(String[]::new), urls.toArray(String[]::new));
    }

    /** What refers to Spring Boot's JDBC classes, loaded only once they are known to be there. */
    private static final class Boot {

        static void collect(ListableBeanFactory beans, List<String> passwords, List<String> urls) {
            beans.getBeanProvider(DataSourceProperties.class).orderedStream().forEach(properties -> {
                add(passwords, properties.getPassword());
                add(urls, properties.getUrl());
                for (Map.Entry<String, String> property : properties.getXa().getProperties().entrySet()) {
                    if (Redactor.isSecretName(property.getKey())) {
                        add(passwords, property.getValue());
                    }
                }
            });
            beans.getBeanProvider(JdbcConnectionDetails.class).orderedStream().forEach(details -> {
                add(passwords, details.getPassword());
                add(urls, details.getJdbcUrl());
            });
        }
    }

    private static void add(List<String> values, @Nullable String value) {
        if (value != null && !value.isEmpty() && !values.contains(value)) {
            values.add(value);
        }
    }
}
