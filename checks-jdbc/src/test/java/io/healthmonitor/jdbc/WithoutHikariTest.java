package io.healthmonitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.CheckContext;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** HikariCP is optional: the check must load and work in a class path without it. */
class WithoutHikariTest {

    @Test
    void checksAPlainDataSourceWhenHikariIsNotOnTheClassPath() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(classPathWithoutHikari(), ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.getResource("com/zaxxer/hikari/HikariDataSource.class")).as("HikariCP hidden").isNull();
            Class<?> h2 = loader.loadClass("org.h2.jdbcx.JdbcDataSource");
            Object dataSource = h2.getConstructor().newInstance();
            h2.getMethod("setURL", String.class).invoke(dataSource, "jdbc:h2:mem:no_hikari;DB_CLOSE_DELAY=-1");
            Class<?> checkClass = loader.loadClass(DataSourceHealthCheck.class.getName());
            Object builder = checkClass.getMethod("builder", loader.loadClass(DataSource.class.getName()))
                    .invoke(null, dataSource);
            // Frameworks reflect on builders: every public signature must resolve without HikariCP.
            assertThat(builder.getClass().getMethods()).isNotEmpty();
            assertThat(checkClass.getMethods()).isNotEmpty();
            Object check = builder.getClass().getMethod("build").invoke(builder);

            Class<?> contextClass = loader.loadClass(CheckContext.class.getName());
            Object context = contextClass.getMethod("of", String.class, Duration.class)
                    .invoke(null, "database", Duration.ofSeconds(5));
            Object result = checkClass.getMethod("check", contextClass).invoke(check, context);

            Object status = result.getClass().getMethod("status").invoke(result);
            assertThat(status).as("%s", result).hasToString("HEALTHY");
            assertThat(result.toString()).contains("database=H2").doesNotContain("pool=");
        }
    }

    private static URL[] classPathWithoutHikari() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty() && !Path.of(entry).getFileName().toString().startsWith("HikariCP")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
