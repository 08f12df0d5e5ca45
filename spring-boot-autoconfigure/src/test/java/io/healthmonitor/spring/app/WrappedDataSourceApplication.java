package io.healthmonitor.spring.app;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A Spring Boot application with a {@code DataSource} bean of its own instead of Boot's HikariCP
 * pool: the driver's own DataSource for {@code spring.datasource.*}, behind Spring's
 * {@link DelegatingDataSource}, which shows neither the URL nor the password of the one it wraps.
 * With {@code app.datasource.credentials-in-url=true} it writes {@code spring.datasource.username}
 * and {@code password} into the driver's URL ({@code //user:password@host}), as applications do
 * that turn a {@code DATABASE_URL} into JDBC.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class WrappedDataSourceApplication {

    @Bean
    DataSource dataSource(DataSourceProperties properties,
            @org.springframework.beans.factory.annotation.Value("${app.datasource.credentials-in-url:false}") boolean credentialsInUrl)
            throws SQLException {
        String url = properties.getUrl();
        if (credentialsInUrl) {
            url = url.replace("//", "//" + properties.getUsername() + ":" + properties.getPassword() + "@");
        }
        if (url.startsWith("jdbc:mariadb:")) {
            return new DelegatingDataSource(new MariaDbDataSource(url));
        }
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(url);
        postgres.setConnectTimeout(2);
        return new DelegatingDataSource(postgres);
    }
}
