package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every snippet of README.md and docs/*.md works when pasted: each Java block compiles against the
 * library (the names a snippet takes from its reader, such as {@code dataSource}, are declared once
 * below, for all pages), each Maven XML block names artifacts that exist and versions the BOM
 * manages, and the shell commands of the getting-started page run against the demo.
 *
 * <p>Pages whose Java needs libraries this module does not have are compiled, run and compared by
 * their own module's test: http.md by {@code HttpDocsTest} (Jetty, gRPC), spring-boot.md by
 * {@code SpringBootDocsTest} (Spring Boot 4).
 */
class DocumentationPagesTest {

    private static final Path ROOT = Path.of("..");
    private static final Set<String> COMPILED_ELSEWHERE = Set.of("http.md", "spring-boot.md");
    private static final Pattern BLOCK = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern TYPE_DECLARATION =
            Pattern.compile("(?m)^(?:@\\w+\\s+)*(?:public\\s+)?(?:final\\s+)?(?:class|interface|record|enum)\\s");

    /** What the snippets of most pages take from their reader besides {@link #READER}: a Redis connection. */
    private static final String DEFAULT_PAGE_READER = "StatefulRedisConnection<String, String> connection;";
    /** What the snippets of one page take from their reader where it differs from the other pages. */
    private static final Map<String, String> PAGE_READER = Map.of(
            "checks-nats.md", "io.nats.client.Connection connection; URI monitoringUrl; ScheduledExecutorService scheduler;"
                    + " String url;");

    /** What a snippet takes from its reader: the application's objects and helpers. */
    private static final String READER = """
            DataSource dataSource; HealthMonitor monitor; MeterRegistry meterRegistry; HealthMetrics metrics;
            RedisClient client; String token;
            HttpServer httpServer; HttpServer server; String redisUrl; char[] keyStorePassword; CorimExtension psa;
            HttpClient sharedHttpClient; HealthCheck databaseCheck; CertificateExpiryHealthCheck api;
            CorimValidator validator; CorimProfileStore store; Authorizer authorizer; HealthEndpoints health;
            String pem; java.security.cert.X509Certificate rootCertificate; byte[] bytes; byte[] detachedPayload;
            CorimExtension.Rule myRule; io.nats.client.Connection natsConnection; URI paymentsHealthUri;
            io.healthmonitor.testsupport.ServerProcess redis; int closedPort; String password;
            void store(Object... values) { }
            void log(Object... values) { }
            RedisURI uri(int port) { return RedisURI.create("redis://127.0.0.1:" + port); }
            """;

    private static final String IMPORTS = """
            import static io.healthmonitor.testing.HealthAssertions.assertThat;
            import static io.healthmonitor.testing.HealthAssertions.assertThatJson;
            import static org.assertj.core.api.Assertions.assertThat;
            import com.sun.net.httpserver.HttpServer;
            import io.healthmonitor.*;
            import io.healthmonitor.corim.*;
            import io.healthmonitor.corim.service.*;
            import io.healthmonitor.fleet.*;
            import io.healthmonitor.http.*;
            import io.healthmonitor.jdbc.*;
            import io.healthmonitor.micrometer.*;
            import io.healthmonitor.nats.*;
            import io.healthmonitor.redis.*;
            import io.healthmonitor.testing.*;
            import io.healthmonitor.tls.*;
            import io.lettuce.core.RedisClient;
            import io.lettuce.core.RedisURI;
            import io.lettuce.core.api.StatefulRedisConnection;
            import io.micrometer.core.instrument.MeterRegistry;
            import io.micrometer.prometheusmetrics.PrometheusConfig;
            import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
            import io.nats.client.Connection;
            import io.nats.client.Nats;
            import io.nats.client.Options;
            import java.net.InetSocketAddress;
            import java.net.URI;
            import java.net.http.HttpClient;
            import java.nio.file.Path;
            import java.time.*;
            import java.util.*;
            import java.util.concurrent.*;
            import javax.sql.DataSource;
            """;

    @Test
    void everyJavaBlockOfEveryPageCompiles() throws IOException {
        List<JavaFileObject> sources = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path page : pages()) {
            if (COMPILED_ELSEWHERE.contains(page.getFileName().toString())) {
                continue;
            }
            int index = 0;
            for (String block : blocks(page, "java")) {
                String name = "Snippet_" + page.getFileName().toString().replaceAll("\\W", "_") + "_" + ++index;
                boolean declaresTypes = TYPE_DECLARATION.matcher(block).find();
                String body = declaresTypes ? block : "void snippet() throws Exception {\n" + block + "\n}";
                String code = "package docs;\n" + IMPORTS + "@SuppressWarnings(\"all\")\nabstract class " + name + " {\n"
                        + READER + PAGE_READER.getOrDefault(page.getFileName().toString(), DEFAULT_PAGE_READER) + "\n"
                        + body + "\n}\n";
                sources.add(new Source(name, code));
                names.add(page.getFileName() + " block " + index);
            }
        }
        assertThat(sources).as("Java blocks found").hasSizeGreaterThan(20);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Path out = Files.createTempDirectory("healthmonitor-doc-snippets-");
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(errors, files, null,
                    List.of("-proc:none", "-d", out.toString(), "-classpath", System.getProperty("java.class.path")),
                    null, sources).call();
            assertThat(compiled).as("the Java blocks of %s compile; errors:%n%s", names, errors).isTrue();
        }
    }

    @Test
    void everyMavenBlockNamesArtifactsThatExistAndVersionsTheBomManages() throws Exception {
        Set<String> managed = new TreeSet<>();
        NodeList bom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("bom/pom.xml").toFile())
                .getElementsByTagName("dependency");
        for (int i = 0; i < bom.getLength(); i++) {
            Element dependency = (Element) bom.item(i);
            managed.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
        }
        int dependencies = 0;
        for (Path page : pages()) {
            for (String block : blocks(page, "xml")) {
                Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(("<snippet>" + block + "</snippet>").getBytes(StandardCharsets.UTF_8)))
                        .getDocumentElement();
                NodeList nodes = root.getElementsByTagName("dependency");
                for (int i = 0; i < nodes.getLength(); i++) {
                    Element dependency = (Element) nodes.item(i);
                    String coordinates = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
                    boolean versioned = dependency.getElementsByTagName("version").getLength() > 0;
                    assertThat(versioned || managed.contains(coordinates))
                            .as("%s in %s has a version or one the BOM manages", coordinates, page.getFileName()).isTrue();
                    dependencies++;
                }
            }
        }
        assertThat(dependencies).isGreaterThan(5);
    }

    @Test
    void theGettingStartedCommandsRunAgainstTheDemo() throws Exception {
        List<String> commands = new ArrayList<>();
        for (String block : blocks(ROOT.resolve("docs/index.md"), "")) {
            block.lines().map(String::strip).filter(line -> line.startsWith("curl ")).forEach(commands::add);
        }
        assertThat(commands).hasSizeGreaterThanOrEqualTo(4);
        try (DemoService demo = DemoClient.startReady(Map.of("PORT", "0"))) {
            for (String command : commands) {
                String line = command.replaceAll("\\s+#.*$", "").replace("127.0.0.1:8080", "127.0.0.1:" + demo.port());
                Process process = new ProcessBuilder("bash", "-o", "pipefail", "-c", line).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(line).isTrue();
                assertThat(process.exitValue()).as("%s%n%s", line, output).isZero();
            }
        }
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static List<String> blocks(Path page, String language) throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(Files.readString(page));
        while (block.find()) {
            if (block.group(1).equals(language)) {
                blocks.add(block.group(2));
            }
        }
        return blocks;
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
    }

    /** A snippet as a source file for the compiler. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String name, String code) {
            super(URI.create("string:///docs/" + name + ".java"), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
