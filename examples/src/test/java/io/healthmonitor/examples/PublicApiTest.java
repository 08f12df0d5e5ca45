package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * Every public type of every published module is there on purpose: docs/index.md lists them per
 * module, and this test reads the compiled classes of the build and fails when the list and the
 * jars differ. Packages named {@code internal} are not API and are left out (their package-info
 * says so).
 */
class PublicApiTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> UNPUBLISHED = List.of("bom", "examples", "examples/spring-boot", "examples/spring-boot-security", "examples/spring-boot-webflux", "benchmarks", "test-support");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z-]+)` \\| (.+) \\|$");
    private static final int ACC_PUBLIC = 0x0001;

    @Test
    void docsListEveryPublicTypeOfEveryPublishedModule() throws Exception {
        Map<String, TreeSet<String>> compiled = new LinkedHashMap<>();
        for (String module : modules()) {
            if (UNPUBLISHED.contains(module) || pomOnly(module) || !Files.isDirectory(ROOT.resolve(module).resolve("src/main/java"))) {
                continue; // a module without sources, such as the Spring Boot starter (a jar of dependencies), has no types
            }
            Path classes = ROOT.resolve(module).resolve("target/classes");
            assertThat(classes).as("compiled classes of %s (build the reactor first)", module).isDirectory();
            compiled.put(module, publicTypes(classes));
        }
        String index = Files.readString(ROOT.resolve("docs/index.md"));
        String section = index.substring(index.indexOf("## Public API"));
        Map<String, TreeSet<String>> documented = new LinkedHashMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            TreeSet<String> types = new TreeSet<>();
            for (String type : row.group(2).split(", ")) {
                types.add(type.replace("`", "").trim());
            }
            documented.put(row.group(1), types);
        }
        assertThat(documented).as("docs/index.md, section Public API, one row per published module")
                .containsExactlyInAnyOrderEntriesOf(compiled);
    }

    private static boolean pomOnly(String module) throws Exception {
        NodeList packaging = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve(module).resolve("pom.xml").toFile()).getElementsByTagName("packaging");
        return packaging.getLength() > 0 && packaging.item(0).getTextContent().trim().equals("pom");
    }

    private static List<String> modules() throws Exception {
        NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve("pom.xml").toFile()).getElementsByTagName("module");
        List<String> modules = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            modules.add(nodes.item(i).getTextContent().trim());
        }
        return modules;
    }

    /** Simple names of the public top-level types, qualified by their subpackage when not in the module's main package. */
    private static TreeSet<String> publicTypes(Path classes) throws IOException {
        TreeSet<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String relative = classes.relativize(file).toString().replace('\\', '/');
                String name = file.getFileName().toString();
                if (name.contains("$") || name.equals("package-info.class") || name.equals("module-info.class")
                        || relative.contains("/internal/")) {
                    continue;
                }
                if (isPublic(file)) {
                    types.add(name.substring(0, name.length() - ".class".length()));
                }
            }
        }
        return types;
    }

    /** Reads the access flags of a class file, after its constant pool. */
    private static boolean isPublic(Path classFile) throws IOException {
        try (InputStream in = Files.newInputStream(classFile); DataInputStream data = new DataInputStream(in)) {
            data.readInt();                       // magic
            data.readUnsignedShort();             // minor
            data.readUnsignedShort();             // major
            int count = data.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> data.skipBytes(data.readUnsignedShort());          // Utf8
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> data.skipBytes(4);
                    case 5, 6 -> {                                              // Long, Double take two slots
                        data.skipBytes(8);
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> data.skipBytes(2);
                    case 15 -> data.skipBytes(3);
                    default -> throw new IOException("unknown constant pool tag " + tag + " in " + classFile);
                }
            }
            return (data.readUnsignedShort() & ACC_PUBLIC) != 0;
        }
    }
}
