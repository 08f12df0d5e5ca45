package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.DiskSpaceHealthCheck;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HttpEndpointHealthCheck;
import io.healthmonitor.MemoryHealthCheck;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.HealthEndpoints;
import io.healthmonitor.http.JdkHttpHandler;
import io.healthmonitor.jdbc.DataSourceHealthCheck;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The Java snippets of README.md and docs/index.md are the tagged regions of this class: compiled,
 * run, and compared with the pages, so that they cannot drift.
 */
class DocumentationSnippetsTest {

    private static HealthMonitor quickStart() throws Exception {
        // tag::quickstart[]
        HealthMonitor monitor = HealthMonitor.builder()
                .register("disk", DiskSpaceHealthCheck.of(Path.of(".")))          // free space where the service runs
                .register("memory", MemoryHealthCheck.of())
                .register(CheckRegistration.builder("payments-api",
                                HttpEndpointHealthCheck.of(URI.create("http://127.0.0.1:8081/health")))
                        .critical(false).build())                    // a failure degrades, it does not take us down
                .build();

        HttpServer server = JdkHttpHandler.createServer(new InetSocketAddress(8080));
        JdkHttpHandler.of(HealthEndpoints.builder(monitor).authorizer(Authorizer.loopbackOnly()).build()).mount(server);
        server.start();
        // end::quickstart[]
        server.stop(0);
        return monitor;
    }

    private static HealthMonitor gettingStarted(DataSource dataSource) throws Exception {
        // tag::getting-started[]
        HealthMonitor monitor = HealthMonitor.builder()
                .register(CheckRegistration.builder("database", DataSourceHealthCheck.of(dataSource))
                        .tags(CheckRegistration.READINESS).build())
                .build();

        HttpServer server = JdkHttpHandler.createServer(new InetSocketAddress(8080));
        HealthEndpoints endpoints = HealthEndpoints.builder(monitor)
                .authorizer(Authorizer.loopbackOnly())               // details for local callers only
                .build();
        JdkHttpHandler.of(endpoints).mount(server);                  // /health, /health/detailed, /health/ui, ...
        server.start();
        // end::getting-started[]
        server.stop(0);
        return monitor;
    }

    static String region(String name) throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/healthmonitor/examples/DocumentationSnippetsTest.java"));
        Matcher region = Pattern.compile("// tag::" + name + "\\[]\\n(.*?)\\n\\s*// end::" + name + "\\[]", Pattern.DOTALL)
                .matcher(source);
        assertThat(region.find()).as("region %s", name).isTrue();
        List<String> lines = region.group(1).lines().toList();
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList());
    }

    static List<String> javaBlocks(Path page) throws Exception {
        Matcher block = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL).matcher(Files.readString(page));
        List<String> blocks = new ArrayList<>();
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    @Test
    void readmeQuickStartIsTheCompiledRegion() throws Exception {
        assertThat(javaBlocks(Path.of("..", "README.md"))).containsExactly(region("quickstart"));
    }

    @Test
    void gettingStartedIsTheCompiledRegion() throws Exception {
        assertThat(javaBlocks(Path.of("..", "docs", "index.md"))).containsExactly(region("getting-started"));
    }

    @Test
    void theSnippetsRunAsPasted() throws Exception {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(8080));
        } catch (java.io.IOException busy) {
            org.junit.jupiter.api.Assumptions.abort("port 8080 is in use: the snippets bind it");
        }
        try (HealthMonitor monitor = quickStart()) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            assertThat(monitor.names()).containsExactly("disk", "memory", "payments-api");
            HealthReport report = monitor.report();
            assertThat(report.status().label()).as("%s", report).isEqualTo("degraded"); // nothing listens on 8081
            assertThat(report.check("disk").orElseThrow().status().label()).isEqualTo("healthy");
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:snippets;DB_CLOSE_DELAY=-1");
        try (HealthMonitor monitor = gettingStarted(h2)) {
            assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
            assertThat(monitor.report().status().label()).isEqualTo("healthy");
        }
    }
}
