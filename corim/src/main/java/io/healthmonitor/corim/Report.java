package io.healthmonitor.corim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects problems in document order, up to the configured maximum. Not thread-safe. */
final class Report {

    /** The code of the last problem when more were found than {@link CorimLimits#maxProblems()} lists. */
    static final String PROBLEMS_LIMIT = "limit.problems";

    private final List<CorimProblem> problems = new ArrayList<>();
    private final int max;
    private int dropped;

    Report(int max) {
        this.max = max;
    }

    /**
     * Reports a violation of {@code rule}, which must list {@code code} in the rule table. Beyond
     * the maximum it is only counted: neither its path nor its detail is rendered.
     */
    void add(Code code, Path path, Rule rule, Supplier<String> detail) {
        assert rule.codes().contains(code) : rule + " does not list " + code + " in the rule table";
        if (problems.size() >= max) {
            dropped++;
            return;
        }
        add(code.text(), path.toString(), detail.get() + " (" + rule.cite() + ")");
    }

    /**
     * True when a further problem would only be counted: a caller whose message costs work (a
     * description of the item found) counts it with {@link #drop} instead of building it.
     */
    boolean full() {
        return problems.size() >= max;
    }

    /** Counts a violation of {@code rule} that {@link #full()} says will not be listed. */
    void drop(Code code, Rule rule) {
        assert rule.codes().contains(code) : rule + " does not list " + code + " in the rule table";
        dropped++;
    }

    /** Reports a problem found by an extension's own rule: its code, path and message as given. */
    void add(String code, String path, String message) {
        if (problems.size() < max) {
            problems.add(new CorimProblem(code, path, message));
        } else {
            dropped++;
        }
    }

    /** The number of problems found so far, listed or not. */
    int size() {
        return problems.size() + dropped;
    }

    List<CorimProblem> problems() {
        if (dropped == 0) {
            return List.copyOf(problems);
        }
        List<CorimProblem> out = new ArrayList<>(problems);
        out.add(new CorimProblem(PROBLEMS_LIMIT, "", dropped
                + " further problems not listed (CorimLimits.maxProblems = " + max + ")"));
        return List.copyOf(out);
    }
}
