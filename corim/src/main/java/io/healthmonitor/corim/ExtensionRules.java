package io.healthmonitor.corim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the own rules of the extension a document names ({@link CorimExtension.Rule}) on the
 * plain-Java view of the document, after the base rules. A rule's problems are reported as it
 * gives them, suffixed with the extension's id; a rule that throws is a problem of its own.
 */
final class ExtensionRules {

    private ExtensionRules() {
    }

    /** Runs the rules on the corim-map and on each CoMID it carries. */
    static void checkCorim(Validation v, CborItem corimMap) {
        CorimExtension extension = v.extension();
        if (extension == null || extension.rules().isEmpty()) {
            return;
        }
        List<Validation.DecodedComid> comids = v.decodedComids();
        Map<CborItem, CborItem> embedded = new IdentityHashMap<>();
        for (Validation.DecodedComid c : comids) {
            embedded.put(c.tag(), c.comid());
        }
        Map<Object, Object> view = ExtensionView.ofMap(corimMap, embedded);
        for (CorimExtension.Rule rule : extension.rules()) {
            run(v, extension, () -> rule.checkCorim(view));
            for (Validation.DecodedComid c : comids) {
                Map<Object, Object> comidView = ExtensionView.ofMap(c.comid(), Map.of());
                String at = c.path().toString();
                run(v, extension, () -> rule.checkComid(comidView, at));
            }
        }
    }

    /** Runs the rules on a standalone CoMID. */
    static void checkComid(Validation v, CborItem comid) {
        CorimExtension extension = v.extension();
        if (extension == null || extension.rules().isEmpty() || comid.type != CborItem.Type.MAP) {
            return;
        }
        Map<Object, Object> view = ExtensionView.ofMap(comid, Map.of());
        for (CorimExtension.Rule rule : extension.rules()) {
            run(v, extension, () -> rule.checkComid(view, ""));
        }
    }

    private static void run(Validation v, CorimExtension extension, Supplier<List<CorimProblem>> rule) {
        try {
            List<CorimProblem> found = rule.get();
            if (found == null) {
                return;
            }
            for (CorimProblem problem : found) {
                if (problem != null) {
                    v.reportExtensionProblem(problem.code(), problem.path(),
                            problem.message() + " (rule of profile '" + extension.id() + "')");
                }
            }
        } catch (RuntimeException e) {
            v.report(Code.PROFILE_RULE_FAILED, Path.ROOT, Rule.EXTENSION_RULE,
                    () -> "a rule of profile '" + extension.id() + "' threw " + e.getClass().getName());
        }
    }
}
