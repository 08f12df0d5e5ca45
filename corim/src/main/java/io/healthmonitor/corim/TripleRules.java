package io.healthmonitor.corim;

import io.healthmonitor.corim.CorimExtension.ExtensionPoint;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code triples-map} (§5.1.4) and its records: reference values (§5.1.5), endorsed values
 * (§5.1.6), conditional endorsements (§5.1.7) and their series (§5.1.8), device identity
 * (§5.1.9), attest keys (§5.1.10), domain membership and trust dependency (§5.1.11) and CoMID-CoSWID
 * links (§5.1.12). Paths address triples-map members by key number: {@code /triples/0/0/1/0/mval}.
 */
final class TripleRules {

    static final int REFERENCE_TRIPLES = 0;
    static final int ENDORSED_TRIPLES = 1;
    static final int IDENTITY_TRIPLES = 2;
    static final int ATTEST_KEY_TRIPLES = 3;
    static final int DEPENDENCY_TRIPLES = 4;
    static final int MEMBERSHIP_TRIPLES = 5;
    static final int COSWID_TRIPLES = 6;
    static final int CONDITIONAL_SERIES_TRIPLES = 8;
    static final int CONDITIONAL_ENDORSEMENT_TRIPLES = 10;

    /** Positions in a record. */
    static final int ENVIRONMENT = 0;
    static final int MEASUREMENTS = 1;
    static final int KEYS = 1;
    static final int CONDITIONS = 2;
    static final int MEMBERS = 1;
    static final int TAG_IDS = 1;
    static final int CONDITION = 0;
    static final int SERIES = 1;
    static final int ENDORSEMENTS = 1;
    /** Positions in a conditional series record's common part. */
    static final int AUTHORIZED_BY = 2;
    /** Positions in one series entry: [selection, addition]. */
    static final int SELECTION = 0;
    static final int ADDITION = 1;

    /** Key-triple conditions: {@code mkey}. */
    static final int CONDITION_MKEY = 0;
    /** Key-triple conditions: {@code authorized-by}. */
    static final int CONDITION_AUTHORIZED_BY = 1;

    private static final MapShape TRIPLES = MapShape.extensible(Rule.TRIPLES, ExtensionPoint.TRIPLES,
            Member.optional(REFERENCE_TRIPLES, "reference-triples", records(TripleRules::reference)),
            Member.optional(ENDORSED_TRIPLES, "endorsed-triples", records(TripleRules::endorsed)),
            Member.optional(IDENTITY_TRIPLES, "identity-triples", records(TripleRules::identity)),
            Member.optional(ATTEST_KEY_TRIPLES, "attest-key-triples", records(TripleRules::attestKey)),
            Member.optional(DEPENDENCY_TRIPLES, "dependency-triples", records(TripleRules::dependency)),
            Member.optional(MEMBERSHIP_TRIPLES, "membership-triples", records(TripleRules::membership)),
            Member.optional(COSWID_TRIPLES, "coswid-triples", records(TripleRules::coswid)),
            Member.optional(CONDITIONAL_SERIES_TRIPLES, "conditional-endorsement-series-triples",
                    records(TripleRules::conditionalSeries)),
            Member.optional(CONDITIONAL_ENDORSEMENT_TRIPLES, "conditional-endorsement-triples",
                    records(TripleRules::conditionalEndorsement))).nonEmpty().addressedByKey();

    private static final MapShape IDENTITY_CONDITIONS = conditions(Rule.IDENTITY_TRIPLE);
    private static final MapShape ATTEST_KEY_CONDITIONS = conditions(Rule.ATTEST_KEY_TRIPLE);

    /** A triples-map as a value. */
    static final ValueType TYPE = (v, m, p, rule) -> TRIPLES.check(v, m, p);

    /** One kind of triple record. */
    @FunctionalInterface
    private interface RecordRule {
        void check(Validation v, CborItem record, Path p);
    }

    private TripleRules() {
    }

    /** How many triples of each kind a triples-map holds, keyed by CDDL name. */
    static Map<String, Integer> counts(@Nullable CborItem triples) {
        if (triples == null || !triples.is(CborItem.Type.MAP)) {
            return Map.of();
        }
        String onlyName = null;
        int onlyCount = 0;
        Map<String, Integer> counts = null;
        for (int i = 0; i < triples.size(); i++) {
            String name = TRIPLES.memberName(triples.key(i));
            CborItem records = triples.value(i);
            if (name == null || !records.is(CborItem.Type.ARRAY) || records.items.length == 0) {
                continue;
            }
            if (onlyName == null && counts == null) {
                // Most CoMIDs carry one kind of triple: no map until a second kind appears.
                onlyName = name;
                onlyCount = records.items.length;
            } else {
                if (counts == null) {
                    counts = new LinkedHashMap<>();
                    counts.put(onlyName, onlyCount);
                }
                counts.merge(name, records.items.length, Integer::sum);
            }
        }
        return counts != null ? counts : onlyName == null ? Map.of() : Map.of(onlyName, onlyCount);
    }

    private static ValueType records(RecordRule rule) {
        return (v, list, p, triplesRule) -> {
            if (v.array(list, p, triplesRule, true)) {
                for (int i = 0; i < list.items.length; i++) {
                    rule.check(v, list.items[i], p.add(i));
                }
            }
        };
    }

    private static MapShape conditions(Rule rule) {
        return MapShape.closed(rule,
                Member.optional(CONDITION_MKEY, "mkey", MeasurementRules.MEASURED_ELEMENT),
                Member.optional(CONDITION_AUTHORIZED_BY, "authorized-by", CryptoKeyRules.KEYS))
                .named("conditions of " + rule.cddl()).nonEmpty();
    }

    /** An untagged array of {@code min} to {@code max} elements. */
    private static boolean record(Validation v, CborItem rec, Path p, Rule rule, int min, int max) {
        if (!v.array(rec, p, rule, false)) {
            return false;
        }
        if (rec.items.length < min || rec.items.length > max) {
            v.report(Code.TYPE_MISMATCH, p, rule, () -> "record must have " + (min == max ? "" + min : min + " to " + max)
                    + " elements, found " + rec.items.length);
            return false;
        }
        return true;
    }

    private static void reference(Validation v, CborItem rec, Path p) {
        environmentMeasurements(v, rec, p, Rule.REFERENCE_TRIPLE);
    }

    private static void endorsed(Validation v, CborItem rec, Path p) {
        environmentMeasurements(v, rec, p, Rule.ENDORSED_TRIPLE);
    }

    /** {@code [environment-map, [ + measurement-map ]]}: reference, endorsed and stateful-environment records. */
    private static void environmentMeasurements(Validation v, CborItem rec, Path p, Rule rule) {
        if (record(v, rec, p, rule, 2, 2)) {
            EnvironmentRules.check(v, rec.items[ENVIRONMENT], p.add(ENVIRONMENT));
            MeasurementRules.list(v, rec.items[MEASUREMENTS], p.add(MEASUREMENTS), rule, true);
        }
    }

    private static void identity(Validation v, CborItem rec, Path p) {
        keyTriple(v, rec, p, Rule.IDENTITY_TRIPLE, IDENTITY_CONDITIONS);
    }

    private static void attestKey(Validation v, CborItem rec, Path p) {
        keyTriple(v, rec, p, Rule.ATTEST_KEY_TRIPLE, ATTEST_KEY_CONDITIONS);
    }

    /** {@code [environment-map, [ + $crypto-key-type-choice ], ? conditions]}. */
    private static void keyTriple(Validation v, CborItem rec, Path p, Rule rule, MapShape conditions) {
        if (!record(v, rec, p, rule, 2, 3)) {
            return;
        }
        EnvironmentRules.check(v, rec.items[ENVIRONMENT], p.add(ENVIRONMENT));
        CryptoKeyRules.KEYS.check(v, rec.items[KEYS], p.add(KEYS), rule);
        if (rec.items.length > CONDITIONS) {
            conditions.check(v, rec.items[CONDITIONS], p.add(CONDITIONS));
        }
    }

    private static void dependency(Validation v, CborItem rec, Path p) {
        domainTriple(v, rec, p, Rule.DEPENDENCY_TRIPLE, false);
    }

    private static void membership(Validation v, CborItem rec, Path p) {
        domainTriple(v, rec, p, Rule.MEMBERSHIP_TRIPLE, true);
    }

    /** {@code [domain, [ + domain ]]}: each member an edge of the document's graph. */
    private static void domainTriple(Validation v, CborItem rec, Path p, Rule rule, boolean isMembership) {
        if (!record(v, rec, p, rule, 2, 2)) {
            return;
        }
        CborItem domain = rec.items[ENVIRONMENT];
        boolean usable = EnvironmentRules.check(v, domain, p.add(ENVIRONMENT));
        CborItem members = rec.items[MEMBERS];
        Path mp = p.add(MEMBERS);
        if (!v.array(members, mp, rule, true)) {
            return;
        }
        for (int i = 0; i < members.items.length; i++) {
            Path at = mp.add(i);
            if (EnvironmentRules.check(v, members.items[i], at) && usable) {
                if (isMembership) {
                    v.graphs().membership(domain, members.items[i], at);
                } else {
                    v.graphs().dependency(domain, members.items[i], at);
                }
            }
        }
    }

    /** {@code [environment-map, [ + concise-swid-tag-id ]]}. */
    private static void coswid(Validation v, CborItem rec, Path p) {
        if (!record(v, rec, p, Rule.COSWID_TRIPLE, 2, 2)) {
            return;
        }
        EnvironmentRules.check(v, rec.items[ENVIRONMENT], p.add(ENVIRONMENT));
        CborItem ids = rec.items[TAG_IDS];
        Path ip = p.add(TAG_IDS);
        if (v.array(ids, ip, Rule.COSWID_TRIPLE, true)) {
            for (int i = 0; i < ids.items.length; i++) {
                CommonTypes.identifier(v, ids.items[i], ip.add(i), Rule.COSWID_TRIPLE);
            }
        }
    }

    /** {@code [[environment, [* measurement], ? authorized-by], [ + [selection, addition] ]]}. */
    private static void conditionalSeries(Validation v, CborItem rec, Path p) {
        Rule rule = Rule.CONDITIONAL_SERIES_TRIPLE;
        if (!record(v, rec, p, rule, 2, 2)) {
            return;
        }
        CborItem common = rec.items[CONDITION];
        Path cp = p.add(CONDITION);
        if (record(v, common, cp, rule, 2, 3)) {
            EnvironmentRules.check(v, common.items[ENVIRONMENT], cp.add(ENVIRONMENT));
            MeasurementRules.list(v, common.items[MEASUREMENTS], cp.add(MEASUREMENTS), rule, false);
            if (common.items.length > AUTHORIZED_BY) {
                CryptoKeyRules.KEYS.check(v, common.items[AUTHORIZED_BY], cp.add(AUTHORIZED_BY), rule);
            }
        }
        CborItem series = rec.items[SERIES];
        Path sp = p.add(SERIES);
        if (v.array(series, sp, rule, true)) {
            for (int i = 0; i < series.items.length; i++) {
                CborItem entry = series.items[i];
                Path ep = sp.add(i);
                if (record(v, entry, ep, rule, 2, 2)) {
                    MeasurementRules.list(v, entry.items[SELECTION], ep.add(SELECTION), rule, true);
                    MeasurementRules.list(v, entry.items[ADDITION], ep.add(ADDITION), rule, true);
                }
            }
        }
    }

    /** {@code [[ + stateful-environment-record ], [ + endorsed-triple-record ]]}. */
    private static void conditionalEndorsement(Validation v, CborItem rec, Path p) {
        Rule rule = Rule.CONDITIONAL_ENDORSEMENT_TRIPLE;
        if (!record(v, rec, p, rule, 2, 2)) {
            return;
        }
        CborItem conditions = rec.items[CONDITION];
        Path cp = p.add(CONDITION);
        if (v.array(conditions, cp, rule, true)) {
            for (int i = 0; i < conditions.items.length; i++) {
                environmentMeasurements(v, conditions.items[i], cp.add(i), rule);
            }
        }
        CborItem endorsements = rec.items[ENDORSEMENTS];
        Path ep = p.add(ENDORSEMENTS);
        if (v.array(endorsements, ep, rule, true)) {
            for (int i = 0; i < endorsements.items.length; i++) {
                environmentMeasurements(v, endorsements.items[i], ep.add(i), Rule.ENDORSED_TRIPLE);
            }
        }
    }
}
