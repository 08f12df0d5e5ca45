package io.healthmonitor.corim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The two header buckets of a signed CoRIM: the protected header map (§4.2.1) and the unprotected
 * one (§4.2.4), every parameter typed as RFC 9052 §3.1 and RFC 9360 §2 define it; crit only in
 * the protected bucket, non-empty and naming parameters this validator processes; IV and Partial
 * IV not together; no label in both buckets (RFC 9052 §3). CoRIM's own parameters, corim-meta and
 * CWT-Claims, are read by {@link CorimMetaRules}.
 */
final class CoseHeaderRules {

    // RFC 9052 §3.1, Table 2.
    static final int ALG = 1;
    static final int CRIT = 2;
    static final int CONTENT_TYPE = 3;
    static final int KID = 4;
    static final int IV = 5;
    static final int PARTIAL_IV = 6;
    // draft-ietf-rats-corim §4.2.1, RFC 9597.
    static final int CORIM_META = 8;
    static final int CWT_CLAIMS = 15;
    // RFC 9360 §2.
    static final int X5BAG = 32;
    static final int X5CHAIN = 33;
    static final int X5T = 34;
    static final int X5U = 35;
    // The hash envelope of §4.2.1.
    static final int PAYLOAD_HASH_ALG = 258;
    static final int PAYLOAD_PREIMAGE_CONTENT_TYPE = 259;
    static final int PAYLOAD_LOCATION = 260;

    /** The content type of a CoRIM payload. */
    static final String RIM_CONTENT_TYPE = "application/rim+cbor";
    /** No usable algorithm. */
    static final long NO_ALG = Long.MIN_VALUE;
    /** The header parameters this validator processes: the only ones crit may name. */
    private static final Set<Long> UNDERSTOOD = Set.of((long) ALG, (long) CRIT, (long) CONTENT_TYPE, (long) KID,
            (long) IV, (long) PARTIAL_IV, (long) CORIM_META, (long) CWT_CLAIMS, (long) X5BAG, (long) X5CHAIN,
            (long) X5T, (long) X5U, (long) PAYLOAD_HASH_ALG, (long) PAYLOAD_PREIMAGE_CONTENT_TYPE, (long) PAYLOAD_LOCATION);

    /** What the protected header says that the signature check needs. */
    record Protected(long alg, boolean hashEnvelope) {
        static final Protected UNUSABLE = new Protected(NO_ALG, false);
    }

    private static final MapShape PROTECTED = protectedShape();
    private static final MapShape UNPROTECTED = unprotectedShape();

    private CoseHeaderRules() {
    }

    /**
     * Checks the protected header map.
     *
     * @return the algorithm (or {@link #NO_ALG}) and whether the payload is a hash envelope
     */
    static Protected checkProtected(Validation v, CborItem h, Path p) {
        if (!PROTECTED.check(v, h, p) && !h.is(CborItem.Type.MAP)) {
            return Protected.UNUSABLE;
        }
        long alg = NO_ALG;
        CborItem a = h.get(ALG);
        if (a != null && a.isPlainInt()) {
            if (SignatureVerifier.supports(a.longValue)) {
                alg = a.longValue;
            } else {
                v.report(Code.COSE_ALG_UNSUPPORTED, p.add("alg"), Rule.PROTECTED_HEADER, () -> "COSE algorithm " + a.longValue
                        + " is not supported; use " + SignatureVerifier.SUPPORTED);
            }
        }
        boolean hashEnvelope = h.get(PAYLOAD_HASH_ALG) != null || h.get(PAYLOAD_PREIMAGE_CONTENT_TYPE) != null;
        if (hashEnvelope) {
            v.report(Code.COSE_HASH_ENVELOPE_UNSUPPORTED, p.add("payload_hash_alg"), Rule.PROTECTED_HEADER,
                    () -> "hash envelopes (RFC 9995 payload_hash_alg) are unsupported: the CoRIM itself must be the payload");
        } else {
            CborItem ct = h.get(CONTENT_TYPE);
            if (ct == null) {
                v.report(Code.COSE_CONTENT_TYPE_MISSING, p.add("content-type"), Rule.PROTECTED_HEADER,
                        () -> "the protected header must carry content-type \"" + RIM_CONTENT_TYPE + "\"");
            } else if (!ct.isText() || !RIM_CONTENT_TYPE.equals(ct.text())) {
                v.report(Code.COSE_CONTENT_TYPE_MISMATCH, p.add("content-type"), Rule.PROTECTED_HEADER,
                        () -> "content-type must be \"" + RIM_CONTENT_TYPE + "\", found "
                                + (ct.isText() ? "\"" + CborItem.printable(ct.text()) + "\"" : ct.describe()));
            }
        }
        if (h.get(CORIM_META) == null && h.get(CWT_CLAIMS) == null) {
            v.report(Code.COSE_META_MISSING, p, Rule.PROTECTED_HEADER,
                    () -> "the protected header must carry corim-meta (8), CWT-Claims (15) or both");
        }
        if (h.get(IV) != null && h.get(PARTIAL_IV) != null) {
            v.report(Code.COSE_IV_AND_PARTIAL_IV, p.add("Partial IV"), Rule.PROTECTED_PARAMETERS,
                    () -> "IV and Partial IV must not both be present");
        }
        CorimMetaRules.check(v, h, p);
        return new Protected(alg, hashEnvelope);
    }

    /** Checks the unprotected header map, and that it shares no label with the protected one (which may be null). */
    static void checkUnprotected(Validation v, CborItem u, Path p, @Nullable CborItem protectedHeaders) {
        if (!UNPROTECTED.check(v, u, p) && !u.is(CborItem.Type.MAP)) {
            return;
        }
        boolean protectedMap = protectedHeaders != null && protectedHeaders.is(CborItem.Type.MAP);
        for (int i = 0; i < u.size(); i++) {
            CborItem label = u.key(i);
            if (protectedMap && present(protectedHeaders, label)) {
                String name = UNPROTECTED.memberName(label);
                v.report(Code.COSE_HEADER_IN_BOTH_BUCKETS, p.add(name == null ? label.keyLabel() : name),
                        Rule.UNPROTECTED_PARAMETERS, () -> "header parameter " + label.keyLabel()
                                + " is in both the protected and the unprotected bucket");
            }
        }
        if (u.get(CRIT) != null) {
            v.report(Code.COSE_CRIT_UNPROTECTED, p.add("crit"), Rule.UNPROTECTED_PARAMETERS,
                    () -> "crit must be placed in the protected bucket");
        }
        boolean iv = u.get(IV) != null || protectedMap && protectedHeaders.get(IV) != null;
        boolean partialIv = u.get(PARTIAL_IV) != null || protectedMap && protectedHeaders.get(PARTIAL_IV) != null;
        if (iv && partialIv && (u.get(IV) != null || u.get(PARTIAL_IV) != null)) {
            v.report(Code.COSE_IV_AND_PARTIAL_IV, p.add(u.get(PARTIAL_IV) != null ? "Partial IV" : "IV"),
                    Rule.UNPROTECTED_PARAMETERS, () -> "IV and Partial IV must not both be present");
        }
    }

    private static boolean present(CborItem map, CborItem label) {
        for (int i = 0; i < map.size(); i++) {
            if (map.key(i).sameKey(label)) {
                return true;
            }
        }
        return false;
    }

    private static MapShape protectedShape() {
        List<Member> members = new ArrayList<>(List.of(
                Member.required(ALG, "alg", (v, a, p, rule) -> {
                    if (!a.isPlainInt()) {
                        v.mismatch(a, p, Rule.PROTECTED_HEADER, "int (COSE algorithm)");
                    }
                }),
                // content type, corim-meta and CWT-Claims have CoRIM's own checks after the map's.
                Member.optional(CONTENT_TYPE, "content-type", ValueType.ANY),
                Member.optional(CORIM_META, "corim-meta", ValueType.ANY),
                Member.optional(CWT_CLAIMS, "CWT-Claims", ValueType.ANY),
                Member.optional(PAYLOAD_HASH_ALG, "payload_hash_alg", typed(Rule.PROTECTED_HEADER, ValueType.INT)),
                Member.optional(PAYLOAD_PREIMAGE_CONTENT_TYPE, "payload_preimage_content_type",
                        typed(Rule.PROTECTED_HEADER, ValueType.TEXT)),
                Member.optional(PAYLOAD_LOCATION, "payload_location", typed(Rule.PROTECTED_HEADER, ValueType.TEXT)),
                Member.optional(IV, "IV", typed(Rule.PROTECTED_PARAMETERS, ValueType.BYTES)),
                Member.optional(PARTIAL_IV, "Partial IV", typed(Rule.PROTECTED_PARAMETERS, ValueType.BYTES))));
        members.addAll(common(Rule.PROTECTED_PARAMETERS));
        return MapShape.open(Rule.PROTECTED_HEADER, MapShape.Others.COSE_LABELS, members.toArray(Member[]::new));
    }

    private static MapShape unprotectedShape() {
        Rule rule = Rule.UNPROTECTED_PARAMETERS;
        List<Member> members = new ArrayList<>(List.of(
                Member.optional(ALG, "alg", typed(rule, ValueType.INT_OR_TEXT)),
                Member.optional(CONTENT_TYPE, "content-type", contentType(rule)),
                Member.optional(CORIM_META, "corim-meta", typed(rule, ValueType.BYTES)),
                Member.optional(CWT_CLAIMS, "CWT-Claims", (v, c, p, r) -> {
                    if (!c.is(CborItem.Type.MAP)) {
                        v.mismatch(c, p, rule, "map (CWT-Claims)");
                    }
                }),
                Member.optional(PAYLOAD_HASH_ALG, "payload_hash_alg", typed(rule, ValueType.INT)),
                Member.optional(PAYLOAD_PREIMAGE_CONTENT_TYPE, "payload_preimage_content_type", contentType(rule)),
                Member.optional(PAYLOAD_LOCATION, "payload_location", typed(rule, ValueType.TEXT)),
                Member.optional(IV, "IV", typed(rule, ValueType.BYTES)),
                Member.optional(PARTIAL_IV, "Partial IV", typed(rule, ValueType.BYTES))));
        members.addAll(common(rule));
        return MapShape.open(Rule.UNPROTECTED_HEADER, MapShape.Others.COSE_LABELS, members.toArray(Member[]::new));
    }

    /** The parameters typed alike in both buckets. */
    private static List<Member> common(Rule rule) {
        return List.of(
                Member.optional(CRIT, "crit", crit(rule)),
                Member.optional(KID, "kid", typed(rule, ValueType.BYTES)),
                Member.optional(X5BAG, "x5bag", x509(rule)),
                Member.optional(X5CHAIN, "x5chain", x509(rule)),
                Member.optional(X5T, "x5t", certificateHash(rule)),
                Member.optional(X5U, "x5u", typed(rule, ValueType.URI)));
    }

    /** A type that cites {@code rule} whatever map holds it. */
    private static ValueType typed(Rule rule, ValueType type) {
        return (v, value, p, mapRule) -> type.check(v, value, p, rule);
    }

    /** {@code content type: tstr / uint}. */
    private static ValueType contentType(Rule rule) {
        return (v, ct, p, mapRule) -> {
            if (!ct.isText() && !ct.isPlainUint()) {
                v.mismatch(ct, p, rule, "tstr or uint (content type)");
            }
        };
    }

    /** {@code crit: [+ label]}, naming only parameters this validator understands. */
    private static ValueType crit(Rule rule) {
        return (v, crit, p, mapRule) -> {
            if (!v.array(crit, p, rule, true)) {
                return;
            }
            for (int i = 0; i < crit.items.length; i++) {
                CborItem label = crit.items[i];
                if (!label.isPlainInt() && !label.isText()) {
                    v.mismatch(label, p.add(i), rule, "label (int or tstr)");
                } else if (rule == Rule.PROTECTED_PARAMETERS && !(label.isPlainInt() && UNDERSTOOD.contains(label.longValue))) {
                    v.report(Code.COSE_CRIT_NOT_UNDERSTOOD, p.add(i), rule, () -> "crit names header parameter "
                            + label.keyLabel() + ", which this validator does not process; the message must be rejected");
                }
            }
        };
    }

    /** {@code COSE_X509 = bstr / [ 2*certs: bstr ]} (RFC 9360 §2). */
    private static ValueType x509(Rule rule) {
        return (v, x, p, mapRule) -> {
            if (x.isBytes()) {
                return;
            }
            if (!x.is(CborItem.Type.ARRAY)) {
                v.mismatch(x, p, rule, "COSE_X509: bstr or [2* bstr]");
                return;
            }
            if (x.items.length < 2) {
                v.report(Code.TYPE_MISMATCH, p, rule, () -> "COSE_X509 holds one certificate as a bstr and more as an array "
                        + "of two or more, found an array of " + x.items.length);
            }
            for (int i = 0; i < x.items.length; i++) {
                ValueType.BYTES.check(v, x.items[i], p.add(i), rule);
            }
        };
    }

    /** {@code COSE_CertHash = [ hashAlg: (int / tstr), hashValue: bstr ]} (RFC 9360 §2). */
    private static ValueType certificateHash(Rule rule) {
        return (v, h, p, mapRule) -> {
            if (!h.is(CborItem.Type.ARRAY) || h.items.length != 2) {
                v.mismatch(h, p, rule, "COSE_CertHash [hashAlg: int / tstr, hashValue: bstr]");
                return;
            }
            ValueType.INT_OR_TEXT.check(v, h.items[Digests.ALG], p.add(Digests.ALG), rule);
            ValueType.BYTES.check(v, h.items[Digests.VALUE], p.add(Digests.VALUE), rule);
        };
    }
}
