package io.healthmonitor.corim;

import io.healthmonitor.corim.CorimExtension.ExtensionPoint;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checks an unsigned corim-map or a concise-mid-tag against every rule of the CDDL and the
 * semantic rules of the draft, reporting each violation with its path. One instance checks one
 * document and is not thread-safe.
 */
final class CorimChecker {

    private static final String[] CORIM_KEYS = {"id", "tags", "dependent-rims", "profile", "rim-validity", "entities"};
    private static final String[] ENTITY_KEYS = {"entity-name", "reg-id", "role"};
    private static final String[] LOCATOR_KEYS = {"href", "thumbprint"};
    private static final String[] VALIDITY_KEYS = {"not-before", "not-after"};
    private static final String[] COMID_KEYS = {"language", "tag-identity", "entities", "linked-tags", "triples"};
    private static final String[] TAG_IDENTITY_KEYS = {"tag-id", "tag-version"};
    private static final String[] LINKED_TAG_KEYS = {"linked-tag-id", "tag-rel"};
    private static final String[] TRIPLE_NAMES = {"reference-triples", "endorsed-triples", "identity-triples",
        "attest-key-triples", "dependency-triples", "membership-triples", "coswid-triples", null,
        "conditional-endorsement-series-triples", null, "conditional-endorsement-triples"};
    private static final String[] ENVIRONMENT_KEYS = {"class", "instance", "group"};
    private static final String[] CLASS_KEYS = {"class-id", "vendor", "model", "layer", "index"};
    private static final String[] MEASUREMENT_KEYS = {"mkey", "mval", "authorized-by"};
    private static final String[] MVAL_KEYS = {"version", "svn", "digests", "flags", "raw-value",
        "raw-value-mask-DEPRECATED", "mac-addr", "ip-addr", "serial-number", "ueid", "uuid", "name", null,
        "cryptokeys", "integrity-registers", "int-range"};
    private static final String[] VERSION_KEYS = {"version", "version-scheme"};
    private static final String[] FLAG_KEYS = {"is-configured", "is-secure", "is-recovery", "is-debug",
        "is-replay-protected", "is-integrity-protected", "is-runtime-meas", "is-immutable", "is-tcb",
        "is-confidentiality-protected", "is-runtime-updatable"};
    private static final String[] CONDITION_KEYS = {"mkey", "authorized-by"};
    private static final String[] COTL_KEYS = {"tag-identity", "tags-list", "tl-validity"};
    private static final String[] META_KEYS = {"signer", "signature-validity"};
    private static final String[] SIGNER_KEYS = {"signer-name", "signer-uri"};

    private final Report report;
    private final CborDecoder decoder;
    private final CorimExtensions profiles;
    private final Instant now;
    private CorimExtension profile;

    // Summary of what was decoded, for the result.
    String id;
    String profileId;
    CorimValidationResult.Validity rimValidity;
    final List<CorimValidationResult.Tag> tags = new ArrayList<>();
    final List<CorimValidationResult.Entity> entities = new ArrayList<>();
    final Map<String, Integer> tripleCounts = new LinkedHashMap<>();
    private Map<String, Integer> currentTagTriples;
    private final List<Object[]> decodedComids = new ArrayList<>();
    private final Map<byte[], CborItem> embeddedByBytes = new java.util.IdentityHashMap<>();

    // Domain graphs across the whole document: membership and dependency edges.
    private final Graph membership = new Graph();
    private final Graph dependency = new Graph();

    CorimChecker(Report report, CborDecoder decoder, CorimExtensions profiles, Instant now) {
        this.report = report;
        this.decoder = decoder;
        this.profiles = profiles;
        this.now = now;
    }

    // ---------------------------------------------------------------- corim-map (§4.1)

    /** Checks a corim-map; the caller has checked its #6.501 tag. */
    void checkCorimMap(CborItem map, Path p) {
        if (map.type != CborItem.Type.MAP) {
            mismatch(map, p, Spec.CORIM_MAP, "#6.501 map");
            return;
        }
        dupCheck(map, p, Spec.CORIM_MAP);
        CborItem prof = map.get(3);
        if (prof != null) {
            checkProfile(prof, p.add("profile"));
        }
        CborItem idItem = map.get(0);
        if (idItem == null) {
            missing(p, "id", 0, Spec.CORIM_MAP);
        } else {
            id = tagIdOf(idItem, p.add("id"), Spec.CORIM_ID);
        }
        CborItem tagList = map.get(1);
        if (tagList == null) {
            missing(p, "tags", 1, Spec.CORIM_MAP);
        } else if (array(tagList, p.add("tags"), Spec.CORIM_MAP, true)) {
            for (int i = 0; i < tagList.size(); i++) {
                checkConciseTag(tagList.items[i], p.add("tags").add(i));
            }
        }
        CborItem rims = map.get(2);
        if (rims != null && array(rims, p.add("dependent-rims"), Spec.CORIM_MAP, true)) {
            for (int i = 0; i < rims.size(); i++) {
                checkLocator(rims.items[i], p.add("dependent-rims").add(i));
            }
        }
        CborItem validity = map.get(4);
        if (validity != null) {
            rimValidity = validity(validity, p.add("rim-validity"), "rim-validity");
        }
        CborItem ents = map.get(5);
        if (ents != null && array(ents, p.add("entities"), Spec.CORIM_MAP, true)) {
            int signers = 0;
            for (int i = 0; i < ents.size(); i++) {
                CorimValidationResult.Entity e = entity(ents.items[i], p.add("entities").add(i), true);
                if (e != null) {
                    entities.add(e);
                    if (e.roles().contains("manifest-signer")) {
                        signers++;
                        if (signers == 2) {
                            report.add("entity.multiple-manifest-signers", p.add("entities").add(i), Spec.CORIM_ENTITY,
                                    "more than one entity has the manifest-signer role; a CoRIM has at most one signer");
                        }
                    }
                }
            }
        }
        unknownKeys(map, p, Spec.CORIM_MAP, 5, CORIM_KEYS, ExtensionPoint.CORIM_MAP);
        finishGraphs(p);
        runCorimRules(map, p);
    }

    private void checkProfile(CborItem prof, Path p) {
        if (prof.tags.length == 1 && prof.tag() == 32 && prof.type == CborItem.Type.TEXT) {
            profileId = prof.text;
        } else if (prof.tags.length == 1 && prof.tag() == 111 && prof.type == CborItem.Type.BYTES) {
            profileId = oidToString(prof.bytes);
            if (profileId == null) {
                report.add("value.invalid", p, Spec.OID, "the profile OID is not a valid BER-encoded object identifier");
                return;
            }
        } else {
            mismatch(prof, p, Spec.PROFILE, "#6.32 uri or #6.111 oid");
            return;
        }
        profile = profiles.get(profileId).orElse(null);
        if (profile == null) {
            report.add("profile.unknown", p, Spec.PROFILE, "profile '" + profileId
                    + "' is not recognised; failure to recognise the profile MUST result in rejection of the entire CoRIM (§4.1)");
        }
    }

    /** Sets the profile for a standalone CoMID. */
    void useProfile(CorimExtension p) {
        this.profile = p;
        this.profileId = p == null ? null : p.id();
    }

    private void checkConciseTag(CborItem item, Path p) {
        long tag = item.tags.length == 1 ? item.tag() : -1;
        if (item.type != CborItem.Type.BYTES || (tag != 505 && tag != 506 && tag != 508)) {
            if (item.tags.length == 1 && profile != null && profile.allowsTag(item.tag())) {
                tags.add(new CorimValidationResult.Tag("profile:" + item.tag(), null, 0, Map.of()));
                return;
            }
            tags.add(new CorimValidationResult.Tag("unknown", null, 0, Map.of()));
            mismatch(item, p, Spec.CONCISE_TAG,
                    "#6.505 CoSWID, #6.506 CoMID or #6.508 CoTL (each wrapping a byte string)");
            return;
        }
        CborItem inner = embedded(item.bytes, p, Spec.CONCISE_TAG, 3);
        if (inner == null) {
            tags.add(new CorimValidationResult.Tag(tag == 505 ? "coswid" : tag == 506 ? "comid" : "cotl", null, 0, Map.of()));
            return;
        }
        if (tag == 506) {
            checkComid(inner, p);
            decodedComids.add(new Object[] {inner, p});
            embeddedByBytes.put(item.bytes, inner);
        } else if (tag == 505) {
            checkCoswid(inner, p);
        } else {
            checkCotl(inner, p);
        }
    }

    /** Decodes embedded CBOR ({@code bytes .cbor T}); malformed content becomes a problem. */
    CborItem embedded(byte[] bytes, Path p, Spec spec, int depth) {
        try {
            return decoder.decode(bytes, depth);
        } catch (CorimFormatException e) {
            if (e.code().startsWith("limit.")) {
                throw e;
            }
            report.add(e.code(), p, spec, "embedded CBOR is not readable: " + e.getMessage());
            return null;
        }
    }

    private void checkLocator(CborItem m, Path p) {
        if (!map(m, p, Spec.LOCATOR)) {
            return;
        }
        CborItem href = m.get(0);
        if (href == null) {
            missing(p, "href", 0, Spec.LOCATOR);
        } else if (href.type == CborItem.Type.ARRAY && !href.isTagged()) {
            if (array(href, p.add("href"), Spec.LOCATOR, true)) {
                for (int i = 0; i < href.size(); i++) {
                    uri(href.items[i], p.add("href").add(i), Spec.LOCATOR);
                }
            }
        } else {
            uri(href, p.add("href"), Spec.LOCATOR);
        }
        CborItem thumb = m.get(1);
        if (thumb != null) {
            if (thumb.type == CborItem.Type.ARRAY && !thumb.isTagged() && thumb.size() > 0
                    && thumb.items[0].type == CborItem.Type.ARRAY) {
                digests(thumb, p.add("thumbprint"));
            } else {
                digest(thumb, p.add("thumbprint"));
            }
        }
        unknownKeys(m, p, Spec.LOCATOR, 1, LOCATOR_KEYS, null);
    }

    // ---------------------------------------------------------------- common types (§7)

    CorimValidationResult.Entity entity(CborItem m, Path p, boolean corim) {
        Spec spec = corim ? Spec.CORIM_ENTITY : Spec.COMID_ENTITY;
        if (!map(m, p, spec)) {
            return null;
        }
        String name = null;
        CborItem nameItem = m.get(0);
        if (nameItem == null) {
            missing(p, "entity-name", 0, spec);
        } else if (text(nameItem) || profileTagged(nameItem)) {
            name = nameItem.text == null ? nameItem.describe() : nameItem.text;
        } else {
            mismatch(nameItem, p.add("entity-name"), Spec.ENTITY, "text ($entity-name-type-choice)");
        }
        String regId = null;
        CborItem reg = m.get(1);
        if (reg != null && uri(reg, p.add("reg-id"), spec)) {
            regId = reg.text;
        }
        List<String> roles = new ArrayList<>();
        CborItem role = m.get(2);
        if (role == null) {
            missing(p, "role", 2, spec);
        } else if (array(role, p.add("role"), spec, true)) {
            for (int i = 0; i < role.size(); i++) {
                CborItem r = role.items[i];
                String rn = roleName(r, corim);
                if (rn == null) {
                    report.add("value.invalid", p.add("role").add(i), spec, "role " + r.keyLabel() + " is not a "
                            + (corim ? "$corim-role-type-choice (1 manifest-creator, 2 manifest-signer)"
                                    : "$comid-role-type-choice (0 tag-creator, 1 creator, 2 maintainer)"));
                    roles.add(r.keyLabel());
                } else {
                    roles.add(rn);
                }
            }
        }
        unknownKeys(m, p, spec, 2, ENTITY_KEYS, corim ? ExtensionPoint.CORIM_ENTITY : ExtensionPoint.COMID_ENTITY);
        return name == null ? null : new CorimValidationResult.Entity(name, regId, roles);
    }

    private static String roleName(CborItem r, boolean corim) {
        if (!r.isSmallInt() || r.isTagged()) {
            return null;
        }
        long v = r.longValue;
        if (corim) {
            return v == 1 ? "manifest-creator" : v == 2 ? "manifest-signer" : null;
        }
        return v == 0 ? "tag-creator" : v == 1 ? "creator" : v == 2 ? "maintainer" : null;
    }

    CorimValidationResult.Validity validity(CborItem m, Path p, String what) {
        if (!map(m, p, Spec.VALIDITY)) {
            return null;
        }
        Instant nb = null;
        Instant na = null;
        CborItem nbItem = m.get(0);
        if (nbItem != null) {
            nb = time(nbItem, p.add("not-before"), Spec.VALIDITY);
        }
        CborItem naItem = m.get(1);
        if (naItem == null) {
            missing(p, "not-after", 1, Spec.VALIDITY);
        } else {
            na = time(naItem, p.add("not-after"), Spec.VALIDITY);
        }
        unknownKeys(m, p, Spec.VALIDITY, 1, VALIDITY_KEYS, null);
        if (na == null) {
            return null;
        }
        if (nb != null && nb.isAfter(na)) {
            report.add("validity.inverted", p, Spec.VALIDITY, what + " not-before " + nb + " is after not-after " + na);
        }
        if (now.isAfter(na)) {
            report.add(what + ".expired", p.add("not-after"), Spec.VALIDITY,
                    what + " ended at " + na + ", before the evaluation time " + now);
        }
        if (nb != null && now.isBefore(nb)) {
            report.add(what + ".not-yet-valid", p.add("not-before"), Spec.VALIDITY,
                    what + " starts at " + nb + ", after the evaluation time " + now);
        }
        return new CorimValidationResult.Validity(nb, na);
    }

    /** {@code time = #6.1(number)}. */
    Instant time(CborItem t, Path p, Spec spec) {
        if (t.tags.length != 1 || t.tag() != 1 || !(t.type == CborItem.Type.INT || t.type == CborItem.Type.FLOAT)) {
            mismatch(t, p, spec, "time (#6.1 number of seconds since the epoch)");
            return null;
        }
        return epoch(t, p, spec);
    }

    Instant epoch(CborItem t, Path p, Spec spec) {
        try {
            if (t.type == CborItem.Type.FLOAT) {
                if (!Double.isFinite(t.doubleValue())) {
                    throw new ArithmeticException();
                }
                double floor = Math.floor(t.doubleValue());
                return Instant.ofEpochSecond((long) floor, (long) ((t.doubleValue() - floor) * 1e9));
            }
            if (t.bigValue != null) {
                throw new ArithmeticException();
            }
            return Instant.ofEpochSecond(t.longValue);
        } catch (RuntimeException e) {
            report.add("value.out-of-range", p, spec, "time value is outside the representable range");
            return null;
        }
    }

    boolean uri(CborItem u, Path p, Spec spec) {
        if (u.tags.length == 1 && u.tag() == 32 && u.type == CborItem.Type.TEXT) {
            return true;
        }
        mismatch(u, p, spec, "uri (#6.32 text)");
        return false;
    }

    /** {@code $tag-id-type-choice} and {@code $corim-id-type-choice}: tstr / uuid-type. */
    String tagIdOf(CborItem t, Path p, Spec spec) {
        if (text(t)) {
            return t.text;
        }
        if (!t.isTagged() && t.type == CborItem.Type.BYTES) {
            if (t.bytes.length != 16) {
                report.add("value.size", p, Spec.UUID, "uuid-type must be 16 bytes, found " + t.bytes.length);
                return HexFormat.of().formatHex(t.bytes);
            }
            ByteBuffer b = ByteBuffer.wrap(t.bytes);
            return new UUID(b.getLong(), b.getLong()).toString();
        }
        if (profileTagged(t)) {
            return t.describe();
        }
        mismatch(t, p, spec, "text or uuid-type (16-byte byte string)");
        return null;
    }

    void digests(CborItem d, Path p) {
        if (!array(d, p, Spec.DIGEST, true)) {
            return;
        }
        int n = d.size();
        // Digest lists are short: a linear scan beats hashing; large lists fall back to a map.
        Object[] algs = n <= 16 ? new Object[n] : null;
        Map<Object, Integer> seen = algs == null ? new HashMap<>() : null;
        for (int i = 0; i < n; i++) {
            Object alg = digest(d.items[i], p.add(i));
            if (alg != null) {
                Integer first = null;
                if (algs == null) {
                    first = seen.putIfAbsent(alg, i);
                } else {
                    for (int j = 0; j < i; j++) {
                        if (alg.equals(algs[j])) {
                            first = j;
                            break;
                        }
                    }
                    algs[i] = alg;
                }
                if (first != null) {
                    report.add("digest.duplicate-alg", p.add(i), Spec.DIGEST, "hash algorithm " + alg
                            + " appears twice in digests (also at index " + first + "); algorithms must be unique");
                }
            }
        }
    }

    /** Returns the normalised algorithm (Long id) or null when the entry is malformed. */
    Object digest(CborItem d, Path p) {
        if (!array(d, p, Spec.DIGEST, false)) {
            return null;
        }
        return digestBody(d, p);
    }

    /** Checks [alg, val] whatever the tags on the array (the thumbprint types are tagged digests). */
    Object digestBody(CborItem d, Path p) {
        if (d.type != CborItem.Type.ARRAY) {
            mismatch(d, p, Spec.DIGEST, "[alg, val]");
            return null;
        }
        if (d.size() != 2) {
            report.add("type.mismatch", p, Spec.DIGEST, "digest must be [alg, val], found " + d.size() + " elements");
            return null;
        }
        CborItem alg = d.items[0];
        CborItem val = d.items[1];
        int expected;
        Object algKey;
        if (alg.isSmallInt() && !alg.isTagged()) {
            algKey = alg.longValue;
            expected = NamedInformation.lengthOf(alg.longValue);
        } else if (text(alg)) {
            long algId = NamedInformation.idOf(alg.text);
            algKey = algId < 0 ? alg.text : (Object) algId;
            expected = algId < 0 ? -1 : NamedInformation.lengthOf(algId);
        } else {
            mismatch(alg, p.add(0), Spec.DIGEST, "int or text hash algorithm identifier");
            return null;
        }
        if (val.type != CborItem.Type.BYTES || val.isTagged()) {
            mismatch(val, p.add(1), Spec.DIGEST, "byte string digest value");
            return algKey;
        }
        // Algorithms outside the registry are allowed by the CDDL (int / text); their length is unknown.
        if (expected >= 0 && val.bytes.length != expected) {
            report.add("digest.length-mismatch", p.add(1), Spec.DIGEST, "digest for " + NamedInformation.nameOf((Long) algKey)
                    + " must be " + expected + " bytes, found " + val.bytes.length);
        }
        return algKey;
    }

    // ---------------------------------------------------------------- CoMID (§5)

    void checkComid(CborItem m, Path p) {
        currentTagTriples = new LinkedHashMap<>();
        String tagId = null;
        long version = 0;
        if (!map(m, p, Spec.COMID)) {
            tags.add(new CorimValidationResult.Tag("comid", null, 0, Map.of()));
            return;
        }
        CborItem lang = m.get(0);
        if (lang != null && !text(lang)) {
            mismatch(lang, p.add("language"), Spec.COMID, "text (language tag)");
        }
        CborItem ti = m.get(1);
        if (ti == null) {
            missing(p, "tag-identity", 1, Spec.COMID);
        } else {
            Object[] identity = tagIdentity(ti, p.add("tag-identity"));
            if (identity != null) {
                tagId = (String) identity[0];
                version = (Long) identity[1];
            }
        }
        CborItem ents = m.get(2);
        if (ents != null && array(ents, p.add("entities"), Spec.COMID, true)) {
            for (int i = 0; i < ents.size(); i++) {
                entity(ents.items[i], p.add("entities").add(i), false);
            }
        }
        CborItem linked = m.get(3);
        if (linked != null && array(linked, p.add("linked-tags"), Spec.COMID, true)) {
            for (int i = 0; i < linked.size(); i++) {
                linkedTag(linked.items[i], p.add("linked-tags").add(i));
            }
        }
        CborItem triples = m.get(4);
        if (triples == null) {
            missing(p, "triples", 4, Spec.COMID);
        } else {
            triples(triples, p.add("triples"));
        }
        unknownKeys(m, p, Spec.COMID, 4, COMID_KEYS, ExtensionPoint.COMID);
        tags.add(new CorimValidationResult.Tag("comid", tagId, version, currentTagTriples));
        currentTagTriples.forEach((k, v) -> tripleCounts.merge(k, v, Integer::sum));
    }

    /** Returns {tagId, version} or null. */
    private Object[] tagIdentity(CborItem m, Path p) {
        if (!map(m, p, Spec.TAG_IDENTITY)) {
            return null;
        }
        String tagId = null;
        long version = 0;
        CborItem idItem = m.get(0);
        if (idItem == null) {
            missing(p, "tag-id", 0, Spec.TAG_IDENTITY);
        } else {
            tagId = tagIdOf(idItem, p.add("tag-id"), Spec.TAG_IDENTITY);
        }
        CborItem v = m.get(1);
        if (v != null) {
            if (uint(v, p.add("tag-version"), Spec.TAG_IDENTITY)) {
                version = v.bigValue == null ? v.longValue : Long.MAX_VALUE;
            }
        }
        unknownKeys(m, p, Spec.TAG_IDENTITY, 1, TAG_IDENTITY_KEYS, null);
        return new Object[] {tagId, version};
    }

    private void linkedTag(CborItem m, Path p) {
        if (!map(m, p, Spec.LINKED_TAG)) {
            return;
        }
        CborItem idItem = m.get(0);
        if (idItem == null) {
            missing(p, "linked-tag-id", 0, Spec.LINKED_TAG);
        } else {
            tagIdOf(idItem, p.add("linked-tag-id"), Spec.LINKED_TAG);
        }
        CborItem rel = m.get(1);
        if (rel == null) {
            missing(p, "tag-rel", 1, Spec.LINKED_TAG);
        } else if (!(rel.isSmallInt() && !rel.isTagged() && (rel.longValue == 0 || rel.longValue == 1))
                && !profileTagged(rel)) {
            report.add("value.invalid", p.add("tag-rel"), Spec.LINKED_TAG,
                    "tag-rel must be 0 (supplements) or 1 (replaces), found " + rel.keyLabel());
        }
        unknownKeys(m, p, Spec.LINKED_TAG, 1, LINKED_TAG_KEYS, null);
    }

    private void triples(CborItem m, Path p) {
        if (!map(m, p, Spec.TRIPLES)) {
            return;
        }
        if (m.size() == 0) {
            report.add("map.empty", p, Spec.NON_EMPTY, "triples-map must not be empty");
            return;
        }
        for (int i = 0; i < m.size(); i++) {
            CborItem key = m.key(i);
            CborItem value = m.value(i);
            if (!key.isSmallInt() || key.longValue < 0 || key.longValue >= TRIPLE_NAMES.length
                    || TRIPLE_NAMES[(int) key.longValue] == null) {
                continue;
            }
            int k = (int) key.longValue;
            // Paths address triples-map members by key number: /triples/0/0/1/0/mval
            Path tp = p.add(k);
            if (!array(value, tp, Spec.TRIPLES, true)) {
                continue;
            }
            currentTagTriples.merge(TRIPLE_NAMES[k], value.size(), Integer::sum);
            for (int j = 0; j < value.size(); j++) {
                CborItem rec = value.items[j];
                Path rp = tp.add(j);
                switch (k) {
                    case 0 -> envMeasurements(rec, rp, Spec.REFERENCE_TRIPLE);
                    case 1 -> envMeasurements(rec, rp, Spec.ENDORSED_TRIPLE);
                    case 2 -> keyTriple(rec, rp, Spec.IDENTITY_TRIPLE);
                    case 3 -> keyTriple(rec, rp, Spec.ATTEST_KEY_TRIPLE);
                    case 4 -> domainTriple(rec, rp, Spec.DEPENDENCY_TRIPLE, dependency);
                    case 5 -> domainTriple(rec, rp, Spec.MEMBERSHIP_TRIPLE, membership);
                    case 6 -> coswidTriple(rec, rp);
                    case 8 -> seriesTriple(rec, rp);
                    case 10 -> conditionalTriple(rec, rp);
                    default -> throw new AssertionError(k);
                }
            }
        }
        unknownKeys(m, p, Spec.TRIPLES, 10, TRIPLE_NAMES, ExtensionPoint.TRIPLES);
    }

    private CborItem record(CborItem rec, Path p, Spec spec, int min, int max) {
        if (!array(rec, p, spec, false)) {
            return null;
        }
        if (rec.size() < min || rec.size() > max) {
            report.add("type.mismatch", p, spec, "record must have " + (min == max ? "" + min : min + " to " + max)
                    + " elements, found " + rec.size());
            return null;
        }
        return rec;
    }

    /** reference-triple-record, endorsed-triple-record and stateful-environment-record. */
    private void envMeasurements(CborItem rec, Path p, Spec spec) {
        if (record(rec, p, spec, 2, 2) == null) {
            return;
        }
        environment(rec.items[0], p.add(0));
        measurements(rec.items[1], p.add(1), spec, true);
    }

    private void measurements(CborItem list, Path p, Spec spec, boolean nonEmpty) {
        if (array(list, p, spec, nonEmpty)) {
            for (int i = 0; i < list.size(); i++) {
                measurement(list.items[i], p.add(i));
            }
        }
    }

    private void keyTriple(CborItem rec, Path p, Spec spec) {
        if (record(rec, p, spec, 2, 3) == null) {
            return;
        }
        environment(rec.items[0], p.add(0));
        cryptoKeys(rec.items[1], p.add(1), spec);
        if (rec.size() == 3) {
            CborItem c = rec.items[2];
            Path cp = p.add(2);
            if (map(c, cp, spec)) {
                if (c.size() == 0) {
                    report.add("map.empty", cp, Spec.NON_EMPTY, "conditions must not be empty");
                }
                CborItem mkey = c.get(0);
                if (mkey != null) {
                    mkey(mkey, cp.add("mkey"));
                }
                CborItem auth = c.get(1);
                if (auth != null) {
                    cryptoKeys(auth, cp.add("authorized-by"), spec);
                }
                unknownKeys(c, cp, spec, 1, CONDITION_KEYS, null);
            }
        }
    }

    private void domainTriple(CborItem rec, Path p, Spec spec, Graph graph) {
        if (record(rec, p, spec, 2, 2) == null) {
            return;
        }
        boolean ok = environment(rec.items[0], p.add(0));
        CborItem members = rec.items[1];
        if (array(members, p.add(1), spec, true)) {
            for (int i = 0; i < members.size(); i++) {
                if (environment(members.items[i], p.add(1).add(i)) && ok) {
                    graph.edge(rec.items[0], members.items[i], p.add(1).add(i));
                }
            }
        }
    }

    private void coswidTriple(CborItem rec, Path p) {
        if (record(rec, p, Spec.COSWID_TRIPLE, 2, 2) == null) {
            return;
        }
        environment(rec.items[0], p.add(0));
        CborItem ids = rec.items[1];
        if (array(ids, p.add(1), Spec.COSWID_TRIPLE, true)) {
            for (int i = 0; i < ids.size(); i++) {
                tagIdOf(ids.items[i], p.add(1).add(i), Spec.COSWID_TRIPLE);
            }
        }
    }

    private void seriesTriple(CborItem rec, Path p) {
        Spec spec = Spec.COND_SERIES;
        if (record(rec, p, spec, 2, 2) == null) {
            return;
        }
        CborItem common = rec.items[0];
        Path cp = p.add(0);
        if (record(common, cp, spec, 2, 3) != null) {
            environment(common.items[0], cp.add(0));
            measurements(common.items[1], cp.add(1), spec, false);
            if (common.size() == 3) {
                cryptoKeys(common.items[2], cp.add(2), spec);
            }
        }
        CborItem series = rec.items[1];
        if (array(series, p.add(1), spec, true)) {
            for (int i = 0; i < series.size(); i++) {
                CborItem s = series.items[i];
                Path sp = p.add(1).add(i);
                if (record(s, sp, spec, 2, 2) != null) {
                    measurements(s.items[0], sp.add(0), spec, true);
                    measurements(s.items[1], sp.add(1), spec, true);
                }
            }
        }
    }

    private void conditionalTriple(CborItem rec, Path p) {
        Spec spec = Spec.COND_ENDORSEMENT;
        if (record(rec, p, spec, 2, 2) == null) {
            return;
        }
        CborItem conds = rec.items[0];
        if (array(conds, p.add(0), spec, true)) {
            for (int i = 0; i < conds.size(); i++) {
                envMeasurements(conds.items[i], p.add(0).add(i), spec);
            }
        }
        CborItem ends = rec.items[1];
        if (array(ends, p.add(1), spec, true)) {
            for (int i = 0; i < ends.size(); i++) {
                envMeasurements(ends.items[i], p.add(1).add(i), Spec.ENDORSED_TRIPLE);
            }
        }
    }

    private boolean environment(CborItem m, Path p) {
        if (!map(m, p, Spec.ENVIRONMENT)) {
            return false;
        }
        if (m.size() == 0) {
            report.add("map.empty", p, Spec.NON_EMPTY, "environment-map must not be empty");
            return false;
        }
        CborItem cls = m.get(0);
        if (cls != null) {
            classMap(cls, p.add("class"));
        }
        CborItem inst = m.get(1);
        if (inst != null) {
            instance(inst, p.add("instance"));
        }
        CborItem group = m.get(2);
        if (group != null) {
            Path gp = p.add("group");
            if (!tagged(group, 37, CborItem.Type.BYTES) && !tagged(group, 560, CborItem.Type.BYTES)
                    && !profileTagged(group)) {
                mismatch(group, gp, Spec.GROUP, "#6.37 uuid or #6.560 bytes");
            } else if (group.tag() == 37) {
                uuid(group, gp);
            }
        }
        return unknownKeys(m, p, Spec.ENVIRONMENT, 2, ENVIRONMENT_KEYS, null);
    }

    private void classMap(CborItem m, Path p) {
        if (!map(m, p, Spec.CLASS)) {
            return;
        }
        if (m.size() == 0) {
            report.add("map.empty", p, Spec.NON_EMPTY, "class-map must not be empty");
        }
        CborItem cid = m.get(0);
        if (cid != null) {
            Path cp = p.add("class-id");
            if (tagged(cid, 111, CborItem.Type.BYTES)) {
                if (oidToString(cid.bytes) == null) {
                    report.add("value.invalid", cp, Spec.OID, "class-id is not a valid BER-encoded object identifier");
                }
            } else if (tagged(cid, 37, CborItem.Type.BYTES)) {
                uuid(cid, cp);
            } else if (!tagged(cid, 560, CborItem.Type.BYTES) && !profileTagged(cid)) {
                mismatch(cid, cp, Spec.CLASS, "#6.111 oid, #6.37 uuid or #6.560 bytes ($class-id-type-choice)");
            }
        }
        CborItem vendor = m.get(1);
        if (vendor != null && !text(vendor)) {
            mismatch(vendor, p.add("vendor"), Spec.CLASS, "text");
        }
        CborItem model = m.get(2);
        if (model != null && !text(model)) {
            mismatch(model, p.add("model"), Spec.CLASS, "text");
        }
        if (model != null && vendor == null) {
            report.add("class.model-without-vendor", p.add("model"), Spec.CLASS,
                    "a class-map with a model must also have a vendor: model names are scoped by vendor");
        }
        CborItem layer = m.get(3);
        if (layer != null) {
            uint(layer, p.add("layer"), Spec.CLASS);
        }
        CborItem index = m.get(4);
        if (index != null) {
            uint(index, p.add("index"), Spec.CLASS);
        }
        unknownKeys(m, p, Spec.CLASS, 4, CLASS_KEYS, null);
    }

    private void instance(CborItem i, Path p) {
        if (i.tags.length != 1) {
            mismatch(i, p, Spec.INSTANCE, "a tagged instance identifier ($instance-id-type-choice)");
            return;
        }
        long t = i.tag();
        if (t == 550 && i.type == CborItem.Type.BYTES && !i.indefinite) {
            if (i.bytes.length < 7 || i.bytes.length > 33) {
                report.add("value.size", p, Spec.UEID, "ueid-type must be 7 to 33 bytes, found " + i.bytes.length);
            }
        } else if (t == 37 && i.type == CborItem.Type.BYTES) {
            uuid(i, p);
        } else if (t == 554 || t == 555 || t == 557 || t == 558 || t == 559 || t == 560 || t == 562) {
            cryptoKey(i, p, Spec.INSTANCE);
        } else if (!profileTagged(i)) {
            mismatch(i, p, Spec.INSTANCE, "#6.550 ueid, #6.37 uuid, #6.560 bytes or a key/cert type");
        }
    }

    private void uuid(CborItem u, Path p) {
        if (u.bytes.length != 16) {
            report.add("value.size", p, Spec.UUID, "uuid-type must be 16 bytes, found " + u.bytes.length);
        }
    }

    private void mkey(CborItem k, Path p) {
        if (tagged(k, 111, CborItem.Type.BYTES)) {
            if (oidToString(k.bytes) == null) {
                report.add("value.invalid", p, Spec.OID, "mkey is not a valid BER-encoded object identifier");
            }
        } else if (tagged(k, 37, CborItem.Type.BYTES)) {
            uuid(k, p);
        } else if (!(k.isUint() && !k.isTagged()) && !text(k) && !profileTagged(k)) {
            mismatch(k, p, Spec.MKEY, "#6.111 oid, #6.37 uuid, uint or text ($measured-element-type-choice)");
        }
    }

    private void measurement(CborItem m, Path p) {
        if (!map(m, p, Spec.MEASUREMENT)) {
            return;
        }
        CborItem mkey = m.get(0);
        if (mkey != null) {
            mkey(mkey, p.add("mkey"));
        }
        CborItem mval = m.get(1);
        if (mval == null) {
            missing(p, "mval", 1, Spec.MEASUREMENT);
        } else {
            mval(mval, p.add("mval"));
        }
        CborItem auth = m.get(2);
        if (auth != null) {
            cryptoKeys(auth, p.add("authorized-by"), Spec.MEASUREMENT);
        }
        unknownKeys(m, p, Spec.MEASUREMENT, 2, MEASUREMENT_KEYS, null);
    }

    private void mval(CborItem m, Path p) {
        if (!map(m, p, Spec.MVAL)) {
            return;
        }
        if (m.size() == 0) {
            report.add("map.empty", p, Spec.NON_EMPTY, "measurement-values-map must not be empty");
            return;
        }
        for (int i = 0; i < m.size(); i++) {
            CborItem key = m.key(i);
            if (!key.isSmallInt() || key.longValue < 0 || key.longValue >= MVAL_KEYS.length
                    || MVAL_KEYS[(int) key.longValue] == null) {
                continue;
            }
            CborItem v = m.value(i);
            int k = (int) key.longValue;
            Path vp = p.add(MVAL_KEYS[k]);
            switch (k) {
                case 0 -> versionMap(v, vp);
                case 1 -> svn(v, vp);
                case 2 -> digests(v, vp);
                case 3 -> flags(v, vp);
                case 4 -> rawValue(v, vp);
                case 5 -> {
                    if (v.type != CborItem.Type.BYTES || v.isTagged()) {
                        mismatch(v, vp, Spec.RAW_VALUE, "byte string (raw-value-mask-type)");
                    }
                    if (m.get(4) == null) {
                        report.add("mval.mask-without-raw-value", vp, Spec.RAW_VALUE,
                                "raw-value-mask-DEPRECATED is only allowed together with raw-value");
                    }
                }
                case 6 -> sizedBytes(v, vp, Spec.ADDRESS, "mac-addr", 6, 8);
                case 7 -> sizedBytes(v, vp, Spec.ADDRESS, "ip-addr", 4, 16);
                case 8, 11 -> {
                    if (!text(v)) {
                        mismatch(v, vp, Spec.MVAL, "text");
                    }
                }
                case 9 -> {
                    if (v.type != CborItem.Type.BYTES || v.isTagged()) {
                        mismatch(v, vp, Spec.UEID, "byte string (ueid-type)");
                    } else if (v.bytes.length < 7 || v.bytes.length > 33) {
                        report.add("value.size", vp, Spec.UEID, "ueid-type must be 7 to 33 bytes, found " + v.bytes.length);
                    }
                }
                case 10 -> {
                    if (v.type != CborItem.Type.BYTES || v.isTagged()) {
                        mismatch(v, vp, Spec.UUID, "byte string (uuid-type)");
                    } else {
                        uuid(v, vp);
                    }
                }
                case 13 -> cryptoKeys(v, vp, Spec.MVAL);
                case 14 -> integrityRegisters(v, vp);
                case 15 -> intRange(v, vp);
                default -> throw new AssertionError(k);
            }
        }
        unknownKeys(m, p, Spec.MVAL, 15, MVAL_KEYS, ExtensionPoint.MEASUREMENT_VALUES);
    }

    private void versionMap(CborItem m, Path p) {
        if (!map(m, p, Spec.VERSION)) {
            return;
        }
        CborItem v = m.get(0);
        if (v == null) {
            missing(p, "version", 0, Spec.VERSION);
        } else if (!text(v)) {
            mismatch(v, p.add("version"), Spec.VERSION, "text");
        }
        CborItem scheme = m.get(1);
        if (scheme != null && !(scheme.isSmallInt() && !scheme.isTagged()) && !text(scheme)) {
            mismatch(scheme, p.add("version-scheme"), Spec.VERSION, "int or text ($version-scheme, RFC 9393)");
        }
        unknownKeys(m, p, Spec.VERSION, 1, VERSION_KEYS, null);
    }

    private void svn(CborItem v, Path p) {
        boolean okTag = !v.isTagged() || (v.tags.length == 1 && (v.tag() == 552 || v.tag() == 553));
        if (!okTag || !v.isUint()) {
            mismatch(v, p, Spec.SVN, "uint, #6.552 svn or #6.553 min-svn");
        }
    }

    private void flags(CborItem m, Path p) {
        if (!map(m, p, Spec.FLAGS)) {
            return;
        }
        if (m.size() == 0) {
            report.add("map.empty", p, Spec.NON_EMPTY, "flags-map must not be empty");
        }
        for (int i = 0; i < m.size(); i++) {
            CborItem key = m.key(i);
            if (key.isSmallInt() && key.longValue >= 0 && key.longValue < FLAG_KEYS.length) {
                CborItem v = m.value(i);
                if ((v.type != CborItem.Type.TRUE && v.type != CborItem.Type.FALSE) || v.isTagged()) {
                    mismatch(v, p.add(FLAG_KEYS[(int) key.longValue]), Spec.FLAGS, "bool");
                }
            }
        }
        unknownKeys(m, p, Spec.FLAGS, 10, FLAG_KEYS, ExtensionPoint.FLAGS);
    }

    private void rawValue(CborItem v, Path p) {
        if (tagged(v, 560, CborItem.Type.BYTES)) {
            return;
        }
        if (tagged(v, 563, CborItem.Type.ARRAY)) {
            if (v.size() != 2 || v.items[0].type != CborItem.Type.BYTES || v.items[0].isTagged()
                    || v.items[1].type != CborItem.Type.BYTES || v.items[1].isTagged()) {
                report.add("type.mismatch", p, Spec.RAW_VALUE, "tagged-masked-raw-value must be #6.563([value: bytes, mask: bytes])");
            } else if (v.items[0].bytes.length != v.items[1].bytes.length) {
                report.add("raw-value.mask-length", p, Spec.RAW_VALUE, "masked raw value and mask differ in length ("
                        + v.items[0].bytes.length + " and " + v.items[1].bytes.length + " bytes)");
            }
            return;
        }
        if (!profileTagged(v)) {
            mismatch(v, p, Spec.RAW_VALUE, "#6.560 bytes or #6.563 masked raw value");
        }
    }

    private void sizedBytes(CborItem v, Path p, Spec spec, String what, int a, int b) {
        if (v.type != CborItem.Type.BYTES || v.isTagged()) {
            mismatch(v, p, spec, "byte string");
        } else if (v.bytes.length != a && v.bytes.length != b) {
            report.add("value.size", p, spec, what + " must be " + a + " or " + b + " bytes, found " + v.bytes.length);
        }
    }

    private void integrityRegisters(CborItem m, Path p) {
        if (!map(m, p, Spec.INTEGRITY_REGISTERS)) {
            return;
        }
        if (m.size() == 0) {
            report.add("map.empty", p, Spec.INTEGRITY_REGISTERS, "integrity-registers must have at least one register");
        }
        for (int i = 0; i < m.size(); i++) {
            CborItem key = m.key(i);
            Path kp = p.add(key.keyLabel());
            if (key.type == CborItem.Type.INT && !key.isUint()) {
                report.add("type.mismatch", kp, Spec.INTEGRITY_REGISTERS, "register id must be uint or text, found negative integer");
            }
            digests(m.value(i), kp);
        }
    }

    private void intRange(CborItem v, Path p) {
        if (v.type == CborItem.Type.INT && !v.isTagged()) {
            return;
        }
        if (!tagged(v, 564, CborItem.Type.ARRAY) || v.size() != 2) {
            mismatch(v, p, Spec.INT_RANGE, "int or #6.564([min: int / null, max: int / null])");
            return;
        }
        CborItem min = v.items[0];
        CborItem max = v.items[1];
        boolean minOk = (min.type == CborItem.Type.INT || min.type == CborItem.Type.NULL) && !min.isTagged();
        boolean maxOk = (max.type == CborItem.Type.INT || max.type == CborItem.Type.NULL) && !max.isTagged();
        if (!minOk) {
            mismatch(min, p.add(0), Spec.INT_RANGE, "int or null (negative infinity)");
        }
        if (!maxOk) {
            mismatch(max, p.add(1), Spec.INT_RANGE, "int or null (positive infinity)");
        }
        if (minOk && maxOk && min.type == CborItem.Type.INT && max.type == CborItem.Type.INT
                && bigOf(min).compareTo(bigOf(max)) > 0) {
            report.add("int-range.min-greater-than-max", p, Spec.INT_RANGE,
                    "int-range min " + min.keyLabel() + " is greater than max " + max.keyLabel());
        }
    }

    private static BigInteger bigOf(CborItem i) {
        return i.bigValue != null ? i.bigValue : BigInteger.valueOf(i.longValue);
    }

    private void cryptoKeys(CborItem list, Path p, Spec spec) {
        if (array(list, p, spec, true)) {
            for (int i = 0; i < list.size(); i++) {
                cryptoKey(list.items[i], p.add(i), Spec.CRYPTO_KEY);
            }
        }
    }

    private void cryptoKey(CborItem k, Path p, Spec spec) {
        if (k.tags.length != 1) {
            mismatch(k, p, spec, "a tagged key or certificate ($crypto-key-type-choice)");
            return;
        }
        long t = k.tag();
        switch ((int) Math.min(t, Integer.MAX_VALUE)) {
            case 554, 555, 556 -> {
                if (k.type != CborItem.Type.TEXT) {
                    mismatch(k, p, spec, "#6." + t + "(text)");
                }
            }
            case 557, 559, 561 -> digestBody(k, p);
            case 558 -> coseKey(k, p);
            case 560, 562 -> {
                if (k.type != CborItem.Type.BYTES) {
                    mismatch(k, p, spec, "#6." + t + "(bytes)");
                }
            }
            default -> {
                if (!profileTagged(k)) {
                    mismatch(k, p, spec, "#6.554..#6.562 key, certificate, thumbprint or bytes");
                }
            }
        }
    }

    private void coseKey(CborItem k, Path p) {
        if (k.type != CborItem.Type.MAP) {
            mismatch(k, p, Spec.COSE_KEY, "#6.558(COSE_Key map)");
            return;
        }
        dupCheck(k, p, Spec.COSE_KEY);
        CborItem kty = k.get(1);
        if (kty == null) {
            missing(p, "kty", 1, Spec.COSE_KEY);
        } else if (!(kty.isSmallInt() && !kty.isTagged()) && !text(kty)) {
            mismatch(kty, p.add("1"), Spec.COSE_KEY, "kty as int or text");
        }
        for (int i = 0; i < k.size(); i++) {
            CborItem key = k.key(i);
            CborItem v = k.value(i);
            if (key.isSmallInt()) {
                Path vp = p.add(key.keyLabel());
                if ((key.longValue == 2 || key.longValue == 5) && (v.type != CborItem.Type.BYTES || v.isTagged())) {
                    mismatch(v, vp, Spec.COSE_KEY, "bstr");
                } else if (key.longValue == 3 && !(v.isSmallInt() && !v.isTagged()) && !text(v)) {
                    mismatch(v, vp, Spec.COSE_KEY, "int or text");
                } else if (key.longValue == 4 && (v.type != CborItem.Type.ARRAY || v.size() == 0)) {
                    mismatch(v, vp, Spec.COSE_KEY, "non-empty array of key operations");
                }
            }
        }
    }

    // ---------------------------------------------------------------- CoSWID, CoTL

    private void checkCoswid(CborItem m, Path p) {
        String tagId = null;
        long version = 0;
        if (map(m, p, Spec.COSWID)) {
            CborItem id0 = m.get(0);
            if (id0 == null) {
                missing(p, "tag-id", 0, Spec.COSWID);
            } else {
                tagId = tagIdOf(id0, p.add("tag-id"), Spec.COSWID);
            }
            CborItem name = m.get(1);
            if (name == null) {
                missing(p, "software-name", 1, Spec.COSWID);
            } else if (!text(name)) {
                mismatch(name, p.add("software-name"), Spec.COSWID, "text");
            }
            CborItem tv = m.get(12);
            if (tv == null) {
                missing(p, "tag-version", 12, Spec.COSWID);
            } else if (!(tv.isSmallInt() && !tv.isTagged())) {
                mismatch(tv, p.add("tag-version"), Spec.COSWID, "integer");
            } else {
                version = tv.longValue;
            }
            CborItem ent = m.get(2);
            if (ent == null) {
                missing(p, "entity", 2, Spec.COSWID);
            } else if (ent.type == CborItem.Type.ARRAY && !ent.isTagged()) {
                if (ent.size() < 2) {
                    report.add("type.mismatch", p.add("entity"), Spec.COSWID,
                            "entity must be one entity-entry or an array of two or more");
                }
                for (int i = 0; i < ent.size(); i++) {
                    coswidEntity(ent.items[i], p.add("entity").add(i));
                }
            } else {
                coswidEntity(ent, p.add("entity"));
            }
        }
        tags.add(new CorimValidationResult.Tag("coswid", tagId, version, Map.of()));
    }

    private void coswidEntity(CborItem e, Path p) {
        if (!map(e, p, Spec.COSWID)) {
            return;
        }
        CborItem name = e.get(31);
        if (name == null) {
            missing(p, "entity-name", 31, Spec.COSWID);
        } else if (!text(name)) {
            mismatch(name, p.add("entity-name"), Spec.COSWID, "text");
        }
        CborItem role = e.get(33);
        if (role == null) {
            missing(p, "role", 33, Spec.COSWID);
        }
    }

    private void checkCotl(CborItem m, Path p) {
        String tagId = null;
        long version = 0;
        if (map(m, p, Spec.COTL)) {
            CborItem ti = m.get(0);
            if (ti == null) {
                missing(p, "tag-identity", 0, Spec.COTL);
            } else {
                Object[] identity = tagIdentity(ti, p.add("tag-identity"));
                if (identity != null) {
                    tagId = (String) identity[0];
                    version = (Long) identity[1];
                }
            }
            CborItem list = m.get(1);
            if (list == null) {
                missing(p, "tags-list", 1, Spec.COTL);
            } else if (array(list, p.add("tags-list"), Spec.COTL, true)) {
                for (int i = 0; i < list.size(); i++) {
                    tagIdentity(list.items[i], p.add("tags-list").add(i));
                }
            }
            CborItem v = m.get(2);
            if (v == null) {
                missing(p, "tl-validity", 2, Spec.COTL);
            } else {
                validity(v, p.add("tl-validity"), "tl-validity");
            }
            unknownKeys(m, p, Spec.COTL, 2, COTL_KEYS, null);
        }
        tags.add(new CorimValidationResult.Tag("cotl", tagId, version, Map.of()));
    }

    // ---------------------------------------------------------------- signed CoRIM meta (§4.2.2)

    /** corim-meta-map; returns {signer-name, validity} (either may be null) or null when malformed. */
    Object[] meta(CborItem m, Path p) {
        if (!map(m, p, Spec.META)) {
            return null;
        }
        String signerName = null;
        CborItem signer = m.get(0);
        if (signer == null) {
            missing(p, "signer", 0, Spec.META);
        } else if (map(signer, p.add("signer"), Spec.SIGNER)) {
            Path sp = p.add("signer");
            CborItem name = signer.get(0);
            if (name == null) {
                missing(sp, "signer-name", 0, Spec.SIGNER);
            } else if (!text(name)) {
                mismatch(name, sp.add("signer-name"), Spec.SIGNER, "text ($entity-name-type-choice)");
            } else {
                signerName = name.text;
            }
            CborItem uri = signer.get(1);
            if (uri != null) {
                uri(uri, sp.add("signer-uri"), Spec.SIGNER);
            }
            unknownKeys(signer, sp, Spec.SIGNER, 1, SIGNER_KEYS, ExtensionPoint.SIGNER);
        }
        CorimValidationResult.Validity v = null;
        CborItem sv = m.get(1);
        if (sv != null) {
            v = validity(sv, p.add("signature-validity"), "signature-validity");
        }
        unknownKeys(m, p, Spec.META, 1, META_KEYS, null);
        return new Object[] {signerName, v};
    }

    // ---------------------------------------------------------------- graphs

    private void finishGraphs(Path p) {
        membership.reportCycle(report, "graph.membership-cycle", "domain membership");
        dependency.reportCycle(report, "graph.dependency-cycle", "trust dependency");
    }

    void finishComid() {
        finishGraphs(Path.ROOT);
    }

    // ---------------------------------------------------------------- profile rules

    private void runCorimRules(CborItem map, Path p) {
        if (profile == null || profile.rules().isEmpty()) {
            return;
        }
        Map<Object, Object> view = ExtensionView.ofMap(map, decodedComidsByIdentity());
        for (CorimExtension.Rule rule : profile.rules()) {
            runRule(() -> rule.checkCorim(view));
            for (Object[] c : decodedComids) {
                Map<Object, Object> comidView = ExtensionView.ofMap((CborItem) c[0], Map.of());
                String at = c[1].toString();
                runRule(() -> rule.checkComid(comidView, at));
            }
        }
    }

    void runComidRules(CborItem comid) {
        if (profile == null || comid.type != CborItem.Type.MAP) {
            return;
        }
        Map<Object, Object> view = ExtensionView.ofMap(comid, Map.of());
        for (CorimExtension.Rule rule : profile.rules()) {
            runRule(() -> rule.checkComid(view, ""));
        }
    }

    private Map<byte[], CborItem> decodedComidsByIdentity() {
        return embeddedByBytes;
    }

    private void runRule(java.util.function.Supplier<List<CorimProblem>> rule) {
        try {
            List<CorimProblem> found = rule.get();
            if (found != null) {
                for (CorimProblem pr : found) {
                    if (pr != null) {
                        report.add(pr.code(), pr.path(), pr.message() + " (rule of profile '" + profileId + "')");
                    }
                }
            }
        } catch (RuntimeException e) {
            report.add("profile.rule-failed", "", "profile '" + profileId + "' rule threw " + e.getClass().getName());
        }
    }

    // ---------------------------------------------------------------- primitives

    boolean map(CborItem m, Path p, Spec spec) {
        if (m.type != CborItem.Type.MAP || m.isTagged()) {
            mismatch(m, p, spec, "map");
            return false;
        }
        dupCheck(m, p, spec);
        return true;
    }

    private void dupCheck(CborItem m, Path p, Spec spec) {
        if (m.duplicateKey() != null) {
            report.add("cbor.duplicate-key", p.add(m.duplicateKey().keyLabel()), spec,
                    "map key " + m.duplicateKey().keyLabel() + " occurs more than once (RFC 8949 §5.6)");
        }
    }

    boolean array(CborItem a, Path p, Spec spec, boolean nonEmpty) {
        if (a.type != CborItem.Type.ARRAY || a.isTagged()) {
            mismatch(a, p, spec, nonEmpty ? "non-empty array" : "array");
            return false;
        }
        if (nonEmpty && a.size() == 0) {
            report.add("array.empty", p, spec, "array must have at least one element ([ + ... ])");
            return false;
        }
        return true;
    }

    private boolean uint(CborItem v, Path p, Spec spec) {
        if (!v.isUint() || v.isTagged()) {
            mismatch(v, p, spec, "uint");
            return false;
        }
        return true;
    }

    static boolean text(CborItem t) {
        return t.type == CborItem.Type.TEXT && !t.isTagged();
    }

    private static boolean tagged(CborItem t, long tag, CborItem.Type type) {
        return t.tags.length == 1 && t.tags[0] == tag && t.type == type;
    }

    private boolean profileTagged(CborItem t) {
        return profile != null && t.tags.length >= 1 && profile.allowsTag(t.tags[0]);
    }

    void mismatch(CborItem found, Path p, Spec spec, String expected) {
        report.add("type.mismatch", p, spec, "expected " + expected + ", found " + found.describe());
    }

    void missing(Path p, String name, long key, Spec spec) {
        report.add("member.missing", p.add(name), spec, "mandatory member " + name + " (key " + key + ") is missing");
    }

    /**
     * Reports keys that are neither defined by the rule nor declared by the selected profile at
     * the rule's extension socket. Returns true when the map has none.
     */
    boolean unknownKeys(CborItem m, Path p, Spec spec, int maxKnown, String[] names, ExtensionPoint point) {
        boolean clean = true;
        for (int i = 0; i < m.size(); i++) {
            CborItem key = m.key(i);
            if (key.isSmallInt() && key.longValue >= 0 && key.longValue <= maxKnown
                    && key.longValue < names.length && names[(int) key.longValue] != null) {
                continue;
            }
            if (point != null && profile != null && profile.allowsKey(point, key)) {
                continue;
            }
            clean = false;
            String why = point == null
                    ? "; this map has no extension socket"
                    : profile == null
                            ? "; extensions at this socket are accepted only when defined by a recognised profile"
                            : "; profile '" + profile.id() + "' does not define it";
            report.add("member.unknown", p.add(key.keyLabel()), spec, "unknown key " + key.keyLabel() + why);
        }
        return clean;
    }

    /** Decodes a BER object identifier into dotted form, or null when malformed. */
    static String oidToString(byte[] b) {
        if (b.length == 0 || (b[b.length - 1] & 0x80) != 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        BigInteger v = BigInteger.ZERO;
        boolean first = true;
        boolean fresh = true;
        for (byte x : b) {
            if (fresh && (x & 0xFF) == 0x80) {
                return null;
            }
            v = v.shiftLeft(7).or(BigInteger.valueOf(x & 0x7F));
            fresh = false;
            if ((x & 0x80) == 0) {
                if (first) {
                    int arc = v.compareTo(BigInteger.valueOf(80)) >= 0 ? 2 : v.intValue() / 40;
                    sb.append(arc).append('.').append(v.subtract(BigInteger.valueOf(40L * arc)));
                    first = false;
                } else {
                    sb.append('.').append(v);
                }
                v = BigInteger.ZERO;
                fresh = true;
            }
            if (sb.length() > 1024) {
                return null;
            }
        }
        return sb.toString();
    }

    /** Directed graph of domains, compared structurally; cycle search is iterative. */
    private static final class Graph {
        private final Map<Key, Integer> ids = new HashMap<>();
        private final List<List<Integer>> out = new ArrayList<>();
        private final List<Path> firstEdge = new ArrayList<>();

        void edge(CborItem from, CborItem to, Path at) {
            int a = id(from, at);
            int b = id(to, at);
            out.get(a).add(b);
        }

        private int id(CborItem node, Path at) {
            return ids.computeIfAbsent(new Key(node), k -> {
                out.add(new ArrayList<>());
                firstEdge.add(at);
                return out.size() - 1;
            });
        }

        void reportCycle(Report report, String code, String what) {
            int n = out.size();
            int[] state = new int[n];
            int[] iter = new int[n];
            int[] stack = new int[n];
            for (int s = 0; s < n; s++) {
                if (state[s] != 0) {
                    continue;
                }
                int sp = 0;
                stack[sp++] = s;
                state[s] = 1;
                while (sp > 0) {
                    int v = stack[sp - 1];
                    if (iter[v] < out.get(v).size()) {
                        int w = out.get(v).get(iter[v]++);
                        if (state[w] == 1) {
                            report.add(code, firstEdge.get(w), Spec.DOMAIN, "the " + what
                                    + " graph has a cycle through this domain; it must be acyclic");
                            return;
                        }
                        if (state[w] == 0) {
                            state[w] = 1;
                            stack[sp++] = w;
                        }
                    } else {
                        state[v] = 2;
                        sp--;
                    }
                }
            }
        }

        /** A domain, compared structurally; ordered so that domains with colliding hashes stay cheap to look up. */
        private record Key(CborItem item) implements Comparable<Key> {
            @Override
            public int compareTo(Key other) {
                return CborItem.compare(item, other.item);
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && item.deepEquals(k.item);
            }

            @Override
            public int hashCode() {
                return item.deepHash();
            }
        }
    }
}
