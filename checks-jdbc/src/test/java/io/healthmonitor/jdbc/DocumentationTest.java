package io.healthmonitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.micrometer.HealthMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Runs the snippets of docs/checks-jdbc.md and fails when the page and this code drift apart. */
class DocumentationTest {

    private static final Path PAGE = Path.of("..", "docs", "checks-jdbc.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "io", "healthmonitor", "jdbc", "DocumentationTest.java");

    @Test
    void usageSnippetChecksAPostgresPool() throws Exception {
        Databases.assumePostgres();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (HikariDataSource dataSource = Databases.hikari(Databases.postgresUrl(Databases.POSTGRES_PORT, "test"),
                "postgres", 2);
                HealthMonitor monitor = usage(dataSource, HealthMetrics.of(registry, "credlink"))) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            CheckResult database = monitor.report().check("database").orElseThrow();

            assertThat(database.status()).as("%s", database).isEqualTo(HealthStatus.HEALTHY);
            assertThat(database.details()).containsKeys("pool", "postgres");
            assertThat(registry.get("credlink.database.connections").tag("state", "in_use").gauge().value()).isZero();
        }
    }

    @Test
    void documentedSnippetsAreTheCompiledOnes() throws Exception {
        String page = Files.readString(PAGE);
        String source = Files.readString(SOURCE);
        for (String snippet : List.of("usage")) {
            Matcher documented = Pattern.compile("<!-- snippet:" + snippet + " -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
                    .matcher(page);
            assertThat(documented.find()).as("docs/checks-jdbc.md has the %s snippet", snippet).isTrue();
            Matcher compiled = Pattern.compile("// snippet:" + snippet + "\\n(.*?)\\n\\s*// end-snippet", Pattern.DOTALL)
                    .matcher(source);
            assertThat(compiled.find()).as("this test has the %s snippet", snippet).isTrue();
            assertThat(normalise(documented.group(1))).as("snippet %s", snippet).isEqualTo(normalise(compiled.group(1)));
        }
    }

    @Test
    void everyJavaBlockOfThePageIsACompiledSnippet() throws Exception {
        String page = Files.readString(PAGE);
        Matcher blocks = Pattern.compile("(<!-- snippet:\\w+ -->\\s*)?```java\\n").matcher(page);
        while (blocks.find()) {
            assertThat(blocks.group(1)).as("a Java block without a snippet marker at offset %d", blocks.start()).isNotNull();
        }
    }

    private static HealthMonitor usage(DataSource dataSource, HealthMetrics metrics) {
        // snippet:usage
        DataSourceHealthCheck database = DataSourceHealthCheck.builder(dataSource) // e.g. a HikariDataSource
                .metrics(metrics)                        // credlink_database_connections{state=...}, ..._errors_total
                .postgresInsight(true)                   // optional PostgreSQL statistics
                .build();

        HealthMonitor monitor = HealthMonitor.builder()
                .register(CheckRegistration.builder("database", database)
                        .timeout(Duration.ofSeconds(2))  // the deadline; every call of the check fits in it
                        .build())
                .build();
        // end-snippet
        return monitor;
    }

    private static List<String> normalise(String code) {
        return code.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
