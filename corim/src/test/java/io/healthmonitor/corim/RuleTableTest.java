package io.healthmonitor.corim;

import static io.healthmonitor.corim.Cbor.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rule table ({@link Rule}) against the draft's outline, shared/corim/SECTIONS.md: every
 * cited section exists, every problem code is raised by some rule, and problems carry the section.
 */
class RuleTableTest {

    static final Path SECTIONS = SharedVectorsTest.VECTORS.resolveSibling("SECTIONS.md");

    /** The outline's sections, number to title. */
    static Map<String, String> outline() throws IOException {
        boolean required = Boolean.getBoolean("healthmonitor.it.required");
        if (required) {
            assertThat(SECTIONS).as("the draft's outline is required").exists();
        }
        assumeThat(Files.exists(SECTIONS)).as("shared/corim/SECTIONS.md present").isTrue();
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher row = Pattern.compile("^\\| ([0-9A-Z][0-9.]*) \\| (.+?) \\|$", Pattern.MULTILINE)
                .matcher(Files.readString(SECTIONS));
        while (row.find()) {
            sections.put(row.group(1), row.group(2));
        }
        assertThat(sections).hasSizeGreaterThan(100);
        return sections;
    }

    @Test
    void everyCitedSectionIsInTheDraftsOutline() throws IOException {
        Set<String> sections = outline().keySet();
        for (Rule rule : Rule.values()) {
            assertThat(sections).as("%s cites §%s", rule, rule.section()).contains(rule.section());
        }
    }

    @Test
    void everyProblemCodeIsRaisedBySomeRule() {
        Set<Code> raised = EnumSet.noneOf(Code.class);
        for (Rule rule : Rule.values()) {
            assertThat(rule.codes()).as(rule.name()).isNotEmpty();
            raised.addAll(rule.codes());
        }
        assertThat(raised).containsExactlyInAnyOrder(Code.values());
    }

    @Test
    void citesTheSectionsThatStateTheRules() throws IOException {
        Map<String, String> outline = outline();
        // The ones issue 17 found cited wrongly, with the title the outline gives them.
        Map<Rule, String> expected = Map.of(
                Rule.REFERENCE_TRIPLE, "Reference Values Triple",
                Rule.ENDORSED_TRIPLE, "Endorsed Values Triple",
                Rule.DEPENDENCY_TRIPLE, "Trust Dependency Triple",
                Rule.MEMBERSHIP_TRIPLE, "Domain Membership Triple",
                Rule.CLASS, "Environment Class",
                Rule.MVAL, "Measurement Values",
                Rule.COSE_KEY, "Crypto Keys",
                Rule.META, "Meta Map",
                Rule.CWT_CLAIMS, "CWT Claims",
                Rule.UNPROTECTED_HEADER, "Unprotected CoRIM Header Map");
        expected.forEach((rule, title) -> assertThat(outline.get(rule.section())).as(rule.name()).isEqualTo(title));
    }

    @Test
    void aProblemNamesItsRuleAndSection() {
        Map<Object, Object> comid = CorimRulesTest.comid();
        comid.put(4, Cbor.map(0, list("not a record")));
        CorimValidationResult r = CorimRulesTest.validate(CorimRulesTest.corim(comid));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("/tags/0/triples/0/0");
            assertThat(p.message()).endsWith("(reference-triple-record, draft-ietf-rats-corim §5.1.5)");
        });
    }

    /** docs/corim.md of this checkout. */
    static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/corim.md")) && Files.isDirectory(p.resolve("corim"))) {
                return p.resolve("docs/corim.md");
            }
        }
        throw new IllegalStateException("no docs/corim.md above " + Path.of("").toAbsolutePath());
    }

    /** The rule table as docs/corim.md shows it. */
    static String rulesTable(Map<String, String> outline) {
        List<String> rows = new ArrayList<>(List.of("| rule | section | also | codes |", "|---|---|---|---|"));
        for (Rule rule : Rule.values()) {
            List<String> codes = new ArrayList<>();
            for (Code code : Code.values()) {
                if (rule.codes().contains(code)) {
                    codes.add("`" + code.text() + "`");
                }
            }
            rows.add("| `" + rule.cddl() + "` | §" + rule.section() + " " + outline.get(rule.section()) + " | "
                    + (rule.reference() == null ? "" : rule.reference()) + " | " + String.join(", ", codes) + " |");
        }
        return String.join("\n", rows);
    }

    /** A code raised by more rules than this is listed as raised by the map and type rules. */
    private static final int MANY_SECTIONS = 8;

    /** The problem codes as docs/corim.md shows them. */
    static String codesTable() {
        List<String> rows = new ArrayList<>(List.of("| code | meaning | sections |", "|---|---|---|"));
        for (Code code : Code.values()) {
            Set<String> sections = new java.util.LinkedHashSet<>();
            for (Rule rule : Rule.values()) {
                if (rule.codes().contains(code)) {
                    sections.add("§" + rule.section());
                }
            }
            String where = sections.size() > MANY_SECTIONS ? "the map and type rules (see the rule table)" : String.join(", ", sections);
            rows.add("| `" + code.text() + "` | " + code.meaning() + " | " + where + " |");
        }
        return String.join("\n", rows);
    }

    /** The text of docs/corim.md between {@code <!-- begin name -->} and {@code <!-- end name -->}. */
    static String generatedRegion(String page, String name) {
        Matcher m = Pattern.compile("<!-- begin " + name + " [^\\n]*-->\\n(.*?)\\n<!-- end " + name + " -->", Pattern.DOTALL)
                .matcher(page);
        assertThat(m.find()).as("docs/corim.md has the region %s", name).isTrue();
        return m.group(1);
    }

    @Test
    void docsListTheRuleTableAndTheCodes() throws IOException {
        String page = Files.readString(docs());
        assertThat(generatedRegion(page, "rules")).as("paste the expected table into docs/corim.md")
                .isEqualTo(rulesTable(outline()));
        assertThat(generatedRegion(page, "codes")).as("paste the expected table into docs/corim.md")
                .isEqualTo(codesTable());
    }
}
