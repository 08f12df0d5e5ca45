package io.healthmonitor.corim;

import io.healthmonitor.corim.CorimExtension.ExtensionPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The extensions (the draft's profiles) the shared vectors name, defined here only as far as the
 * vectors need: their extension keys and tags, and for PSA/CCA the rules the veraison tests
 * assert. They exercise the registry; they are not complete implementations of those profiles.
 */
final class TestExtensions {

    static final String PSA = "tag:arm.com,2025:psa#1.0.0";
    static final String CCA_PLATFORM = "tag:arm.com,2025:cca_platform#1.0.0";
    static final String CCA_REALM = "tag:arm.com,2025:cca_realm#1.0.0";
    static final String TDX = "2.16.840.1.113741.1.16.1";
    static final String INTEL_FPGA = "2.16.840.1.113741.1.15.6";
    static final String TEST_PROFILE = "http://example.com/test-profile";
    static final String EXAMPLE_PROFILE = "http://example.com/example-profile";
    static final String LEGACY_PSA = "http://arm.com/psa/iot/1";

    private TestExtensions() {
    }

    static CorimExtensions all() {
        return CorimExtensions.of(
                CorimExtension.builder(PSA).rule(new ImplementationIdRule("psa")).rule(new OneAttestKeyRule()).build(),
                CorimExtension.builder(CCA_PLATFORM).rule(new ImplementationIdRule("cca")).build(),
                CorimExtension.builder(CCA_REALM).rule(new RealmRimRule()).build(),
                CorimExtension.builder(TDX).privateUseKeys(ExtensionPoint.MEASUREMENT_VALUES)
                        .typeChoiceTags(60010, 60020, 60021).build(),
                CorimExtension.builder(INTEL_FPGA).build(),
                CorimExtension.builder(TEST_PROFILE).extensionKeys(ExtensionPoint.CORIM_MAP, -1)
                        .extensionKeys(ExtensionPoint.COMID_ENTITY, -1)
                        .extensionKeys(ExtensionPoint.MEASUREMENT_VALUES, -1).build(),
                CorimExtension.builder(EXAMPLE_PROFILE).extensionKeys(ExtensionPoint.CORIM_MAP, -1)
                        .extensionKeys(ExtensionPoint.COMID_ENTITY, -1)
                        .extensionKeys(ExtensionPoint.MEASUREMENT_VALUES, -1).build(),
                CorimExtension.builder(LEGACY_PSA).typeChoiceTags(551, 600, 601, 602).build());
    }

    @SuppressWarnings("unchecked")
    static List<Object[]> environments(Map<Object, Object> comid, long tripleKey) {
        List<Object[]> out = new ArrayList<>();
        Object triples = comid.get(4L);
        if (!(triples instanceof Map<?, ?> t) || !(t.get(tripleKey) instanceof List<?> records)) {
            return out;
        }
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i) instanceof List<?> rec && rec.size() >= 2 && rec.get(0) instanceof Map<?, ?> env) {
                out.add(new Object[] {i, env, rec.get(1)});
            }
        }
        return out;
    }

    /** PSA/CCA: the implementation-id (class-id #6.560 bytes) must be exactly 32 bytes. */
    private record ImplementationIdRule(String code) implements CorimExtension.Rule {
        @Override
        public List<CorimProblem> checkComid(Map<Object, Object> comid, String path) {
            List<CorimProblem> problems = new ArrayList<>();
            for (long kind : new long[] {0, 3}) {
                for (Object[] e : environments(comid, kind)) {
                    if (((Map<?, ?>) e[1]).get(0L) instanceof Map<?, ?> cls
                            && cls.get(0L) instanceof CorimExtension.Tagged t && t.tag() == 560
                            && t.value() instanceof byte[] b && b.length != 32) {
                        problems.add(CorimProblem.of(code + ".implementation-id", path + "/triples/" + kind + "/" + e[0]
                                + "/0/class/class-id", "implementation-id must be exactly 32 bytes, found " + b.length));
                    }
                }
            }
            return problems;
        }
    }

    /** PSA: each attest-key triple carries exactly one verification key. */
    private static final class OneAttestKeyRule implements CorimExtension.Rule {
        @Override
        public List<CorimProblem> checkComid(Map<Object, Object> comid, String path) {
            List<CorimProblem> problems = new ArrayList<>();
            for (Object[] e : environments(comid, 3)) {
                if (e[2] instanceof List<?> keys && keys.size() != 1) {
                    problems.add(CorimProblem.of("psa.verification-keys", path + "/triples/3/" + e[0] + "/1",
                            "verification-keys must contain exactly one entry, found " + keys.size()));
                }
            }
            return problems;
        }
    }

    /** CCA realm: a cca.rim measurement is mandatory and the realm class-id is 32, 48 or 64 bytes. */
    private static final class RealmRimRule implements CorimExtension.Rule {
        @Override
        public List<CorimProblem> checkComid(Map<Object, Object> comid, String path) {
            List<CorimProblem> problems = new ArrayList<>();
            for (Object[] e : environments(comid, 0)) {
                if (((Map<?, ?>) e[1]).get(0L) instanceof Map<?, ?> cls
                        && cls.get(0L) instanceof CorimExtension.Tagged t && t.value() instanceof byte[] b
                        && b.length != 32 && b.length != 48 && b.length != 64) {
                    problems.add(CorimProblem.of("cca.rim-size", path + "/triples/0/" + e[0] + "/0/class/class-id",
                            "RIM must be 32, 48 or 64 bytes, found " + b.length));
                }
                boolean hasRim = e[2] instanceof List<?> ms && ms.stream()
                        .anyMatch(m -> m instanceof Map<?, ?> mm && "cca.rim".equals(mm.get(0L)));
                if (!hasRim) {
                    problems.add(CorimProblem.of("cca.rim-missing", path + "/triples/0/" + e[0] + "/1",
                            "RIM (cca.rim) measurement is mandatory"));
                }
            }
            return problems;
        }
    }
}
