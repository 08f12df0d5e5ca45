package io.healthmonitor.corim;

import org.jspecify.annotations.Nullable;

/**
 * {@code signed-corim = #6.18(COSE-Sign1-corim)} (§4.2): the envelope's four members, its
 * headers ({@link CoseHeaderRules}), its signature ({@link SignatureVerifier}) and its payload, a
 * {@code #6.501} corim-map carried in the envelope.
 */
final class SignedCorimRules {

    /** Positions in COSE_Sign1. */
    static final int PROTECTED = 0;
    static final int UNPROTECTED = 1;
    static final int PAYLOAD = 2;
    static final int SIGNATURE = 3;
    private static final int COSE_SIGN1_SIZE = 4;
    /** How deep the protected header and the payload sit below the top-level item. */
    private static final int CONTENT_DEPTH = 2;

    private SignedCorimRules() {
    }

    /** Checks a COSE_Sign1 signed CoRIM, whose {@code #6.18} the caller has checked. */
    static void check(Validation v, CborItem sign1, SignatureVerifier verifier) {
        Path root = Path.ROOT;
        if (sign1.type != CborItem.Type.ARRAY || sign1.items.length != COSE_SIGN1_SIZE) {
            v.mismatch(sign1, root, Rule.SIGNED_CORIM, "#6.18([protected, unprotected, payload, signature])");
            return;
        }
        CborItem protectedBytes = sign1.items[PROTECTED];
        CborItem unprotected = sign1.items[UNPROTECTED];
        CborItem payload = sign1.items[PAYLOAD];
        CborItem signature = sign1.items[SIGNATURE];
        Path pp = root.add("protected");
        CborItem headers = null;
        CoseHeaderRules.Protected header = CoseHeaderRules.Protected.UNUSABLE;
        if (!protectedBytes.isBytes()) {
            v.mismatch(protectedBytes, pp, Rule.SIGNED_CORIM, "bstr .cbor protected-corim-header-map");
        } else {
            headers = v.embedded(protectedBytes.bytes, pp, Rule.PROTECTED_HEADER, CONTENT_DEPTH);
            if (headers != null) {
                header = CoseHeaderRules.checkProtected(v, headers, pp);
            }
        }
        CoseHeaderRules.checkUnprotected(v, unprotected, root.add("unprotected"));
        byte[] content = payload(v, payload, root.add("payload"));
        if (!signature.isBytes()) {
            v.mismatch(signature, root.add("signature"), Rule.SIGNED_CORIM, "bstr signature");
        } else if (content != null && protectedBytes.isBytes() && header.alg() != CoseHeaderRules.NO_ALG) {
            verifier.verify(v, header.alg(), protectedBytes.bytes, content, signature.bytes, headers, unprotected);
        }
        if (content != null && !header.hashEnvelope()) {
            CborItem corim = v.embedded(content, root.add("payload"), Rule.SIGNED_CORIM, CONTENT_DEPTH);
            if (corim == null) {
                return;
            }
            if (corim.tags.length == 1 && corim.tags[0] == CborTag.UNSIGNED_CORIM) {
                CorimMapRules.check(v, corim, Path.ROOT);
            } else {
                v.report(Code.CORIM_UNTAGGED_PAYLOAD, root.add("payload"), Rule.SIGNED_CORIM,
                        "the payload must be a #6.501 tagged-unsigned-corim-map, found " + corim.describe()
                                + " (untagged payloads are a pre-draft-07 format)");
            }
        }
    }

    /** The payload to verify and validate; null when there is none. */
    private static byte @Nullable [] payload(Validation v, CborItem payload, Path p) {
        if (payload.is(CborItem.Type.NULL)) {
            v.report(Code.COSE_DETACHED_PAYLOAD_UNSUPPORTED, p, Rule.SIGNED_CORIM,
                    "detached payloads (nil) are unsupported: this validator verifies only CoRIMs that carry their payload");
            return null;
        }
        if (!payload.isBytes()) {
            v.mismatch(payload, p, Rule.SIGNED_CORIM, "bstr .cbor tagged-unsigned-corim-map");
            return null;
        }
        return payload.bytes;
    }
}
