package io.healthmonitor.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of docs/spring-boot.md compiles against this module's classpath (Spring Boot 4),
 * and the page names every {@code healthmonitor.*} property of the generated metadata: the examples
 * module, which compiles the other pages, has no Spring Boot.
 */
class SpringBootDocsTest {

    private static final Path PAGE = Path.of("../docs/spring-boot.md");
    private static final Pattern BLOCK = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```", Pattern.DOTALL);
    private static final String IMPORTS = """
            import io.healthmonitor.*;
            import io.healthmonitor.http.*;
            import io.healthmonitor.spring.*;
            import java.net.URI;
            import java.nio.file.Path;
            import java.time.Duration;
            import org.springframework.context.annotation.*;
            """;

    @Test
    void everyJavaBlockCompiles(@TempDir Path out) throws IOException {
        List<JavaFileObject> sources = new ArrayList<>();
        Matcher block = BLOCK.matcher(Files.readString(PAGE));
        int index = 0;
        while (block.find()) {
            if (!block.group(1).equals("java")) {
                continue;
            }
            String name = "SpringBootSnippet" + ++index;
            String code = block.group(2);
            // A block that declares a class is a nested class; a bean method is a member.
            String body = code;
            String source = "package docs;\n" + IMPORTS + "@SuppressWarnings(\"all\") @Configuration abstract class " + name
                    + " {\n" + body + "\n}\n";
            sources.add(new SimpleJavaFileObject(URI.create("string:///docs/" + name + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            });
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(3);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = compiler.getTask(errors, null, null,
                List.of("-proc:none", "-d", out.toString(), "-classpath", System.getProperty("java.class.path")), null, sources).call();
        assertThat(compiled).as(errors.toString()).isTrue();
    }

    @Test
    void thePageNamesEveryProperty() throws IOException {
        String page = Files.readString(PAGE);
        tools.jackson.databind.JsonNode metadata = new tools.jackson.databind.ObjectMapper()
                .readTree(Files.readString(Path.of("target/classes/META-INF/spring-configuration-metadata.json")));
        int properties = 0;
        for (tools.jackson.databind.JsonNode entry : metadata.get("properties")) {
            String property = entry.get("name").asString().replaceFirst("^healthmonitor\\.(defaults|checks)\\.", "healthmonitor.checks.<name>.");
            if (property.startsWith("healthmonitor.checks.<name>.") || !property.startsWith("healthmonitor.checks")) {
                assertThat(page).as("docs/spring-boot.md names %s", property).contains("`" + property + "`");
                properties++;
            }
        }
        assertThat(properties).isGreaterThan(15);
    }
}
