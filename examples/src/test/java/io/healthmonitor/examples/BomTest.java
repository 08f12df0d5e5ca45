package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM users import manages every published module and, at the versions this build is tested
 * with, every client library the modules wrap: a user who imports it gets a working set.
 */
class BomTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void managesEveryPublishedModuleAndTheClientsAtTheTestedVersions() throws Exception {
        Document parent = parse(ROOT.resolve("pom.xml"));
        Document bom = parse(ROOT.resolve("bom/pom.xml"));
        Map<String, String> managed = managed(bom);

        for (String module : modules(parent)) {
            if (List.of("bom", "examples", "examples/spring-boot", "examples/spring-boot-security", "examples/spring-boot-webflux", "benchmarks", "test-support").contains(module)) {
                continue;
            }
            String artifact = "io.healthmonitor:healthmonitor-" + module;
            assertThat(managed).as("the BOM manages %s", artifact).containsKey(artifact);
        }
        assertThat(managed).doesNotContainKey("io.healthmonitor:healthmonitor-test-support");

        Map<String, String> parentProperties = properties(parent);
        Map<String, String> bomProperties = properties(bom);
        for (String client : List.of("io.lettuce:lettuce-core", "com.zaxxer:HikariCP", "io.nats:jnats")) {
            String version = managed.get(client);
            assertThat(version).as("the BOM manages %s", client).isNotNull();
            String property = version.substring(2, version.length() - 1);
            assertThat(bomProperties.get(property)).as("%s in the BOM", property).isEqualTo(parentProperties.get(property));
        }
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static List<String> modules(Document pom) {
        List<String> modules = new ArrayList<>();
        NodeList nodes = pom.getElementsByTagName("module");
        for (int i = 0; i < nodes.getLength(); i++) {
            modules.add(nodes.item(i).getTextContent().trim());
        }
        return modules;
    }

    private static Map<String, String> managed(Document pom) {
        Map<String, String> managed = new LinkedHashMap<>();
        Element management = (Element) pom.getElementsByTagName("dependencyManagement").item(0);
        NodeList dependencies = management.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            managed.put(text(dependency, "groupId") + ":" + text(dependency, "artifactId"), text(dependency, "version"));
        }
        return managed;
    }

    private static Map<String, String> properties(Document pom) {
        Map<String, String> properties = new LinkedHashMap<>();
        NodeList children = pom.getElementsByTagName("properties").item(0).getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element element) {
                properties.put(element.getTagName(), element.getTextContent().trim());
            }
        }
        return properties;
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
    }
}
