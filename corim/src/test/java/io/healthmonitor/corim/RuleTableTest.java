package io.healthmonitor.corim;

import static io.healthmonitor.corim.Cbor.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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
}
