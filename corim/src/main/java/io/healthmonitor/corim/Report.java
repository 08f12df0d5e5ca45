package io.healthmonitor.corim;

import java.util.ArrayList;
import java.util.List;

/** Collects problems in document order, up to the configured maximum. Not thread-safe. */
final class Report {

    private final List<CorimProblem> problems = new ArrayList<>();
    private final int max;
    private int dropped;

    Report(int max) {
        this.max = max;
    }

    void add(String code, Path path, Spec spec, String detail) {
        add(code, path.toString(), detail + " (" + spec.cite() + ")");
    }

    void add(String code, String path, String message) {
        if (problems.size() < max) {
            problems.add(new CorimProblem(code, path, message));
        } else {
            dropped++;
        }
    }

    int size() {
        return problems.size() + dropped;
    }

    List<CorimProblem> problems() {
        List<CorimProblem> out = new ArrayList<>(problems);
        if (dropped > 0) {
            out.add(new CorimProblem("limit.problems", "", dropped
                    + " further problems not listed (CorimLimits.maxProblems = " + max + ")"));
        }
        return List.copyOf(out);
    }
}
