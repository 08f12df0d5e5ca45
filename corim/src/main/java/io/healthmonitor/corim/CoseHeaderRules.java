package io.healthmonitor.corim;

/**
 * The two header buckets of a signed CoRIM: the protected header map (§4.2.1), which must name a
 * supported algorithm, the CoRIM content type and corim-meta or CWT-Claims (read by
 * {@link CorimMetaRules}), and the unprotected one (§4.2.4). Labels are int or text
 * ({@code cose-label}, RFC 9052 §3).
 */
final class CoseHeaderRules {

    // RFC 9052 §3.1, Table 2.
    static final int ALG = 1;
    static final int CONTENT_TYPE = 3;
    static final int KID = 4;
    // draft-ietf-rats-corim §4.2.1, RFC 9597.
    static final int CORIM_META = 8;
    static final int CWT_CLAIMS = 15;
    // RFC 9360 §2.
    static final int X5CHAIN = 33;
    // The hash envelope of §4.2.1.
    static final int PAYLOAD_HASH_ALG = 258;
    static final int PAYLOAD_PREIMAGE_CONTENT_TYPE = 259;

    /** The content type of a CoRIM payload. */
    static final String RIM_CONTENT_TYPE = "application/rim+cbor";
    /** No usable algorithm. */
    static final long NO_ALG = Long.MIN_VALUE;

    /** What the protected header says that the signature check needs. */
    record Protected(long alg, boolean hashEnvelope) {
        static final Protected UNUSABLE = new Protected(NO_ALG, false);
    }

    private static final MapShape PROTECTED = MapShape.open(Rule.PROTECTED_HEADER, MapShape.Others.COSE_LABELS,
            Member.required(ALG, "alg", (v, a, p, rule) -> {
                if (!a.isPlainInt()) {
                    v.mismatch(a, p, Rule.PROTECTED_HEADER, "int (COSE algorithm)");
                }
            }),
            // content type, corim-meta and CWT-Claims have CoRIM's own checks after the map's.
            Member.optional(CONTENT_TYPE, "content-type", ValueType.ANY),
            Member.optional(CORIM_META, "corim-meta", ValueType.ANY),
            Member.optional(CWT_CLAIMS, "CWT-Claims", ValueType.ANY));

    private static final MapShape UNPROTECTED = MapShape.open(Rule.UNPROTECTED_HEADER, MapShape.Others.COSE_LABELS);

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
                v.report(Code.COSE_ALG_UNSUPPORTED, p.add("alg"), Rule.PROTECTED_HEADER, "COSE algorithm " + a.longValue
                        + " is not supported; use " + SignatureVerifier.SUPPORTED);
            }
        }
        boolean hashEnvelope = h.get(PAYLOAD_HASH_ALG) != null || h.get(PAYLOAD_PREIMAGE_CONTENT_TYPE) != null;
        if (hashEnvelope) {
            v.report(Code.COSE_HASH_ENVELOPE_UNSUPPORTED, p.add("payload_hash_alg"), Rule.PROTECTED_HEADER,
                    "hash envelopes (RFC 9995 payload_hash_alg) are unsupported: the CoRIM itself must be the payload");
        } else {
            CborItem ct = h.get(CONTENT_TYPE);
            if (ct == null) {
                v.report(Code.COSE_CONTENT_TYPE_MISSING, p.add("content-type"), Rule.PROTECTED_HEADER,
                        "the protected header must carry content-type \"" + RIM_CONTENT_TYPE + "\"");
            } else if (!ct.isText() || !RIM_CONTENT_TYPE.equals(ct.text)) {
                v.report(Code.COSE_CONTENT_TYPE_MISMATCH, p.add("content-type"), Rule.PROTECTED_HEADER,
                        "content-type must be \"" + RIM_CONTENT_TYPE + "\", found "
                                + (ct.isText() ? "\"" + ct.text + "\"" : ct.describe()));
            }
        }
        if (h.get(CORIM_META) == null && h.get(CWT_CLAIMS) == null) {
            v.report(Code.COSE_META_MISSING, p, Rule.PROTECTED_HEADER,
                    "the protected header must carry corim-meta (8), CWT-Claims (15) or both");
        }
        CorimMetaRules.check(v, h, p);
        return new Protected(alg, hashEnvelope);
    }

    /** Checks the unprotected header map. */
    static void checkUnprotected(Validation v, CborItem u, Path p) {
        UNPROTECTED.check(v, u, p);
    }
}
