package io.healthmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BOM manages the gRPC and Servlet API versions this module is built and tested with: the BOM
 * has no parent, so its properties are a copy of the parent's, kept equal here.
 */
class HttpBomTest {

    @Test
    void bomManagesTheGrpcAndServletVersionsOfTheBuild() throws Exception {
        Document parent = read(Path.of("..", "pom.xml"));
        Document bom = read(Path.of("..", "bom", "pom.xml"));
        for (String property : new String[] {"grpc.version", "jakarta-servlet.version"}) {
            assertThat(text(bom, property)).as(property).isNotBlank().isEqualTo(text(parent, property));
        }
        assertThat(managed(bom)).contains("io.grpc:grpc-bom:${grpc.version}",
                "jakarta.servlet:jakarta.servlet-api:${jakarta-servlet.version}");
        assertThat(managed(parent)).contains("io.grpc:grpc-bom:${grpc.version}",
                "jakarta.servlet:jakarta.servlet-api:${jakarta-servlet.version}");
    }

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static String text(Document pom, String property) {
        NodeList properties = pom.getDocumentElement().getElementsByTagName("properties");
        NodeList values = ((Element) properties.item(0)).getElementsByTagName(property);
        return values.getLength() == 0 ? "" : values.item(0).getTextContent().trim();
    }

    private static List<String> managed(Document pom) {
        Element management = (Element) pom.getDocumentElement().getElementsByTagName("dependencyManagement").item(0);
        NodeList dependencies = management.getElementsByTagName("dependency");
        List<String> coordinates = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            coordinates.add(child(dependency, "groupId") + ":" + child(dependency, "artifactId") + ":" + child(dependency, "version"));
        }
        return coordinates;
    }

    private static String child(Element element, String name) {
        NodeList nodes = element.getElementsByTagName(name);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
