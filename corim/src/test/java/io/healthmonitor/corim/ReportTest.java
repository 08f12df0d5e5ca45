package io.healthmonitor.corim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The problem list's cap: what is listed, and that what is not listed costs no message. */
class ReportTest {

    /** A detail that fails the test if a problem beyond the cap builds it. */
    private static final Supplier<String> NEVER = () -> {
        throw new AssertionError("the detail of a problem beyond maxProblems was built");
    };

    @Test
    void countsProblemsBeyondTheCapExactlyWithoutBuildingTheirDetailOrPath() {
        Report report = new Report(2);
        int[] built = {0};
        for (int i = 0; i < 2; i++) {
            int n = i;
            report.add(Code.MAP_EMPTY, Path.ROOT.add("m").add(i), Rule.NON_EMPTY, () -> {
                built[0]++;
                return "empty " + n;
            });
        }
        CborItem key = CborItem.ofText(CborItem.NO_TAGS, "never rendered", false);
        for (int i = 0; i < 100_000; i++) {
            report.add(Code.MAP_EMPTY, Path.ROOT.add(key), Rule.NON_EMPTY, NEVER);
        }

        assertThat(built[0]).isEqualTo(2);
        assertThat(report.size()).isEqualTo(100_002);
        assertThat(report.problems()).hasSize(3);
        assertThat(report.problems().get(0).path()).isEqualTo("/m/0");
        assertThat(report.problems().get(1).message()).startsWith("empty 1 (");
        assertThat(report.problems().get(2).code()).isEqualTo(Report.PROBLEMS_LIMIT);
        assertThat(report.problems().get(2).message()).startsWith("100000 further problems not listed");
    }

    @Test
    void rendersAKeyPathAsTheKeyLabel() {
        CborItem key = CborItem.ofText(CborItem.NO_TAGS, "a/b~c", false);
        assertThat(Path.ROOT.add("m").add(key).add(CborItem.ofInt(CborItem.NO_TAGS, -7)).toString())
                .isEqualTo("/m/a~1b~0c/-7");
    }

    @Test
    void validationReportsBeyondTheCapWithoutBuildingTheDetail() {
        Report report = new Report(1);
        CorimLimits limits = CorimLimits.defaults();
        Validation v = new Validation(report, new CborDecoder(CborDecoder.factory(limits), limits),
                CorimExtensions.empty(), CorimRulesTest.NOW, 8);
        v.report(Code.MAP_EMPTY, Path.ROOT, Rule.NON_EMPTY, () -> "listed");
        for (int i = 0; i < 1_000; i++) {
            v.report(Code.MAP_EMPTY, Path.ROOT, Rule.NON_EMPTY, NEVER);
        }
        assertThat(report.size()).isEqualTo(1_001);
        assertThat(report.problems().get(0).message()).startsWith("listed (");
    }
}
